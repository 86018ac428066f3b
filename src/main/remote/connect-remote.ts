// The front doors' way to the workers' queue: connected before the workbench opens (a wrong password stops the
// command there, in one line), reading relative dataset folders from the data folder as local runs do.
import path from 'node:path';
import type { RunPlacement } from '../../shared/api-placement';
import { RemoteRuns } from './remote-runs';

export interface RemoteChoice {
  readonly redisUrl?: string;
  readonly queue?: string;
}

/** `remote` and the starting placement for WorkbenchOptions: none and 'local' without a URL. */
export async function connectRemote(
  choice: RemoteChoice,
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<{ remote?: RemoteRuns; placement: RunPlacement }> {
  if (!choice.redisUrl) return { placement: 'local' };
  const remote = await RemoteRuns.connect({ url: choice.redisUrl, queue: choice.queue, datasetDirs: { folderBase: path.resolve(dataDir) }, log });
  return { remote, placement: 'workers' };
}

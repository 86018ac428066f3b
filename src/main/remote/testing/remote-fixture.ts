// A started run manager whose runs may go to remote workers, over a fresh database in a temp folder.
import { openStore, type Store } from '../../db';
import { tempFolder, type TempFolder } from '../../db/testing/fixtures';
import { createForkHost } from '../../runs/fork-host';
import { RunManager } from '../../runs/run-manager';
import { RemoteRuns } from '../remote-runs';

export interface RemoteApp {
  readonly store: Store;
  readonly manager: RunManager;
  /** Closes the manager (runs on workers keep training) and the database; the folder stays for a reopen. */
  close(): Promise<void>;
}

export async function openRemoteApp(temp: TempFolder, url: string): Promise<RemoteApp> {
  const store = openStore(temp.file('workbench.sqlite'));
  const remote = await RemoteRuns.connect({ url, progressIntervalMs: 20, reconcileMs: 500, datasetDirs: { folderBase: temp.dir } });
  const manager = new RunManager(store, createForkHost(), { concurrency: 2, progressIntervalMs: 20, dataDir: temp.dir, remote });
  manager.start();
  return {
    store,
    manager,
    async close() {
      await manager.shutdown({ keepQueued: true });
      store.close();
    },
  };
}

export { tempFolder };

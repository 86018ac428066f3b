// A command's use of the workbench: open it on the data folder, call it as a front door does, always close it.
import { type Call, createCaller } from '../../shared/api-dispatch';
import { connectRemote, type RemoteChoice } from '../remote/connect-remote';
import { createWorkbench, type Workbench, type WorkbenchOptions } from '../workbench/create-workbench';

/**
 * Opens the workbench (mode 'cli'), runs `fn`, and closes it whatever happens. Calls made through `call`
 * are validated like every front door's (a bad argument rejects with an ApiError naming the field).
 */
export async function withWorkbench<T>(
  options: Omit<WorkbenchOptions, 'mode' | 'remote' | 'placement'> & RemoteChoice,
  fn: (call: Call, wb: Workbench) => Promise<T>,
): Promise<T> {
  const { redisUrl, queue, ...rest } = options;
  // With --redis the command's runs go to the workers' queue.
  const remote = await connectRemote({ redisUrl, queue }, rest.dataDir, (line) => process.stderr.write(`${line}\n`));
  let wb: Workbench;
  try {
    wb = createWorkbench({ ...rest, ...remote, mode: 'cli' });
  } catch (err) {
    await remote.remote?.close();
    throw err;
  }
  const call = createCaller(wb);
  try {
    return await fn(call, wb);
  } finally {
    await wb.close();
  }
}

/** Runs `onSignal` on the first SIGINT/SIGTERM; a second one exits at once with 130. Returns the un-installer. */
export function onInterrupt(onSignal: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    remove();
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(130));
    onSignal(signal);
  };
  const remove = () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return remove;
}

// A command's use of the workbench: open it on the data folder, call it as a front door does, always close it.
import type { CallArg, CallOutput } from '../../shared/api-contract';
import { createDispatcher } from '../../shared/api-dispatch';
import type { CallName } from '../../shared/api-names';
import { ApiError } from '../../shared/api-wire';
import { createWorkbench, type Workbench, type WorkbenchOptions } from '../workbench/create-workbench';

export type Call = <K extends CallName>(name: K, input?: CallArg<K>) => Promise<CallOutput<K>>;

/**
 * Opens the workbench (mode 'cli'), runs `fn`, and closes it whatever happens. Calls made through `call`
 * are validated like every front door's (a bad argument rejects with an ApiError naming the field).
 */
export async function withWorkbench<T>(options: Omit<WorkbenchOptions, 'mode'>, fn: (call: Call, wb: Workbench) => Promise<T>): Promise<T> {
  const wb = createWorkbench({ ...options, mode: 'cli' });
  const dispatch = createDispatcher(wb);
  const call: Call = async (name, input) => {
    const result = await dispatch(name, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as CallOutput<typeof name>;
  };
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

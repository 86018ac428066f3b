// The main thread of a training process: takes `start` and `cancel` from the main process, runs the
// training thread, forwards its messages, and exits 0 once `done` or `failed` has left.
import { isTerminal, parseMainMessage, toWireError, type WorkerMessage } from '../../shared/worker-protocol';
import type { ParentLink } from './parent-port';
import { createCancelFlag, startTrainingThread } from './training-thread';

/**
 * Serves one run over `link`. `entryUrl` is the process entry, which the training thread runs again.
 * A message that fails validation before `start` ends the process with `failed` (runId null); after it,
 * it is reported on stderr and ignored, so a stray message cannot kill a healthy run. `cancel` before
 * `start` just ends the process.
 */
export function serveTrainingProcess(link: ParentLink, entryUrl: string, exit: (code: number) => void = (c) => process.exit(c)): void {
  const cancel = createCancelFlag();
  let runId: string | null = null;
  let finished = false;

  const finish = (msg: WorkerMessage) => {
    if (finished) return;
    finished = true;
    link.send(msg).then(
      () => exit(0),
      (err: unknown) => {
        process.stderr.write(`training process: could not send ${msg.type}: ${toWireError(err).message}\n`);
        exit(1);
      },
    );
  };
  const forward = (msg: WorkerMessage) => {
    if (isTerminal(msg)) finish(msg);
    else if (!finished)
      link.send(msg).catch((err: unknown) => process.stderr.write(`training process: could not send ${msg.type}: ${toWireError(err).message}\n`));
  };

  link.onMessage((raw) => {
    let msg;
    try {
      msg = parseMainMessage(raw);
    } catch (err) {
      if (runId === null) finish({ type: 'failed', runId: null, error: toWireError(err) });
      else process.stderr.write(`training process: ignoring an invalid message: ${toWireError(err).message}\n`);
      return;
    }
    if (msg.type === 'cancel') {
      cancel.set();
      if (runId === null && !finished) {
        finished = true;
        exit(0);
      }
      return;
    }
    if (runId !== null) {
      process.stderr.write(`training process: already running ${runId}, ignoring a second start (${msg.runId})\n`);
      return;
    }
    runId = msg.runId;
    const id = runId;
    const job = {
      runId: id,
      config: msg.config,
      kernels: msg.kernels,
      threads: msg.threads,
      inspectEvery: msg.inspectEvery,
      progressIntervalMs: msg.progressIntervalMs,
      resume: msg.resume,
    };
    const thread = startTrainingThread(entryUrl, { job, cancel: cancel.buffer, entryUrl });
    thread.on('message', (m: WorkerMessage) => forward(m));
    thread.on('error', (err) => finish({ type: 'failed', runId: id, error: toWireError(err) }));
    thread.on('exit', (code) => {
      finish({ type: 'failed', runId: id, error: { name: 'WorkerError', message: `the training thread stopped (exit code ${code}) before the run ended` } });
    });
  });
  // Nobody is listening any more (the app quit or was killed): stop training rather than linger.
  link.onDisconnect(() => {
    if (!finished) exit(1);
  });
}

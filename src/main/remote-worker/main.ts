// Entry of `npm run worker`: a headless process that trains the app's queued runs on this machine.
import { EXIT } from '../cli/exit-codes';
import { UsageError } from '../cli/usage-error';
import { startRemoteWorker } from './remote-worker';
import { parseWorkerArgs, WORKER_HELP } from './worker-options';

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const options = parseWorkerArgs(argv);
  if (options === 'help') {
    process.stdout.write(WORKER_HELP);
    return EXIT.ok;
  }
  const worker = await startRemoteWorker(options, log);
  // Ctrl-C or SIGTERM: finish the runs in hand first (a second signal exits at once; BullMQ hands those
  // runs to another worker once their lock runs out).
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing the runs in hand (again to quit now)`);
      process.once('SIGINT', () => process.exit(EXIT.interrupted));
      process.once('SIGTERM', () => process.exit(EXIT.interrupted));
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await worker.close();
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError;
    process.stderr.write(`${usage ? 'worker: ' : ''}${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(usage ? EXIT.usage : EXIT.failed);
  },
);

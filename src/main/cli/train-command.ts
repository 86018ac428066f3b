// `train`: one run through the workbench (recorded in the data folder, trained in a training process),
// with a progress bar on stderr and a result line or JSON on stdout.
import { EXIT } from './exit-codes';
import { followRun } from './follow-run';
import { withWorkbench } from './session';
import { parseTrainOptions, TRAIN_HELP } from './train-options';

export { exitCodeOf } from './follow-run';

/** Returns the exit code: 0 trained, 1 diverged or failed, 130 cancelled by Ctrl-C. */
export async function trainCommand(argv: readonly string[]): Promise<number> {
  const options = parseTrainOptions(argv);
  if (options.help) {
    process.stdout.write(TRAIN_HELP);
    return EXIT.ok;
  }
  const { config } = options;
  const started = performance.now();
  return withWorkbench(
    { dataDir: options.dataDir, concurrency: 1, kernels: options.kernels, threadsPerRun: options.threads, redisUrl: options.redisUrl, queue: options.queue },
    (_call, wb) =>
      followRun(wb, () => wb.startRun(config), {
        json: options.json,
        quiet: options.quiet,
        save: options.save,
        tags: options.tags,
        started,
        threads: options.threads,
      }),
  );
}

// `train`: one run from the command line, in this process, with a progress bar and a result line or JSON.
import { writeFile } from 'node:fs/promises';
import { loadKernels } from '../wasm/load-kernels';
import { trainRun } from '../worker/train-run';
import { saveWeights } from '../worker/weights-file';
import { ProgressBar } from './progress-bar';
import { parseTrainOptions, TRAIN_HELP } from './train-options';
import { pct, resultJson } from './train-report';

/** Returns the process exit code: 0 trained, 1 diverged or failed, 130 interrupted. */
export async function trainCommand(argv: readonly string[]): Promise<number> {
  const options = parseTrainOptions(argv);
  if (options.help) {
    process.stdout.write(TRAIN_HELP);
    return 0;
  }
  const { config } = options;
  const bar = new ProgressBar();
  const say = (line: string) => options.quiet || bar.log(line);
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    say('stopping after this step (Ctrl-C again to abort)…');
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);

  const started = performance.now();
  const kernels = await loadKernels({ prefer: options.kernels });
  const run = await trainRun(config, kernels, {
    onReady: ({ dataset, model }) =>
      say(`${dataset.title}: ${dataset.train.n} train / ${dataset.test.n} test · ${model.parameterCount().toLocaleString('en')} parameters · kernels ${kernels.name}`),
    onStep: (m) => {
      if (!options.quiet) {
        bar.update(`epoch ${m.epoch + 1}/${config.epochs}`, m.epochProgress, `loss ${m.loss.toFixed(4)} acc ${pct(m.accuracy)} lr ${m.lr.toPrecision(3)} · ${Math.round(m.samplesPerSecond).toLocaleString('en')} samples/s`);
      }
    },
    onEpoch: (e) =>
      say(
        `epoch ${e.epoch + 1}/${config.epochs}  train loss ${e.trainLoss.toFixed(4)} acc ${pct(e.trainAccuracy)}  ` +
          (e.validation ? `val loss ${e.validation.loss.toFixed(4)} acc ${pct(e.validation.accuracy)}  ` : '') +
          `test loss ${e.test.loss.toFixed(4)} acc ${pct(e.test.accuracy)}  ${e.trainSeconds.toFixed(2)} s`,
      ),
    shouldStop: () => interrupted,
  });
  process.removeListener('SIGINT', onSigint);
  const seconds = (performance.now() - started) / 1000;
  if (options.save) {
    await writeFile(options.save, saveWeights(run.model, config));
    say(`weights saved to ${options.save}`);
  }
  const json = resultJson(run, seconds);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...json, config })}\n`);
  } else {
    process.stdout.write(
      `${run.result.stopMessage}: train accuracy ${json.train_accuracy === null ? '–' : pct(json.train_accuracy as number)}, ` +
        `test accuracy ${json.test_accuracy === null ? '–' : pct(json.test_accuracy as number)} ` +
        `(${(json.seconds_per_epoch as number | null)?.toFixed(2) ?? '–'} s/epoch)\n`,
    );
  }
  if (run.result.stopReason === 'diverged') return 1;
  return run.result.stopReason === 'cancelled' ? 130 : 0;
}

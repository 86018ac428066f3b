// `runs resume ID`, `runs extend ID --epochs N`, `runs fork ID --from-epoch K --lr …`: a recorded run continued
// from a checkpoint, followed to its end like `train` (same progress, same `--json`, same exit codes).
import type { RunConfigInput } from '../../shared/run-config';
import { EXIT } from './exit-codes';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, num, parseFlags, stripUndefined } from './flags';
import { followRun } from './follow-run';
import { withWorkbench } from './session';
import { kernelsOf } from './train-options';
import { UsageError } from './usage-error';

export const RUNS_TRAIN_HELP = `Usage: nn-workbench runs resume ID [options]
       nn-workbench runs extend ID --epochs N [options]
       nn-workbench runs fork ID [--from-epoch K] [--lr X] [--l2 X] [--epochs N] [--overrides JSON] [options]

resume: continue an interrupted, failed or cancelled run (same id) from its last end-of-epoch checkpoint;
        what it recorded after that checkpoint is replaced.
extend: train a completed run N more epochs (same id), from its final checkpoint.
fork:   a new run from ID's config with the given changes; with --from-epoch K its first K epochs are ID's
        (copied) and it continues from ID's checkpoint after epoch K (the run must have kept it: see
        train --keep-checkpoints).
  --epochs N               extend: how many more epochs; fork: the fork's total epochs
  --from-epoch K           fork: continue from the parent's checkpoint after epoch K (1-based)
  --lr X, --l2 X           fork: the new learning rate / L2
  --overrides JSON         fork: any other config fields, e.g. '{"optimizer":{"type":"adam"}}'
  --threads N              threads per run (bit-identical continuation needs the run's original count)
  --kernels NAME           as for train
  --save FILE              write the final weights (safetensors) to FILE
  --quiet                  no progress on stderr
${DATA_DIR_HELP}
  --json                   print the same JSON object as train --json on stdout
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  epochs: { type: 'string' },
  'from-epoch': { type: 'string' },
  lr: { type: 'string' },
  l2: { type: 'string' },
  overrides: { type: 'string' },
  threads: { type: 'string' },
  kernels: { type: 'string' },
  save: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export async function runsTrainCommand(sub: 'resume' | 'extend' | 'fork', argv: readonly string[]): Promise<number> {
  const { values: v, positionals } = parseFlags(argv, OPTIONS, true);
  if (v.help) {
    process.stdout.write(RUNS_TRAIN_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`runs ${sub} takes one run id, got ${positionals.length ? `'${positionals.join(' ')}'` : 'none'}`);
  const id = int('id', positionals[0])!;
  const forkOnly = ['from-epoch', 'lr', 'l2', 'overrides'] as const;
  for (const flag of forkOnly) if (sub !== 'fork' && v[flag] !== undefined) throw new UsageError(`--${flag} applies to runs fork only`);
  if (sub === 'resume' && v.epochs !== undefined) throw new UsageError('--epochs applies to runs extend and runs fork (resume continues the run as planned)');
  const epochs = int('epochs', v.epochs);
  if (sub === 'extend' && epochs === undefined) throw new UsageError('runs extend needs --epochs N (how many more epochs)');
  const threads = int('threads', v.threads) ?? 1;
  const started = performance.now();
  const options = { dataDir: dataDirOf(v['data-dir']), concurrency: 1, kernels: kernelsOf(v), threadsPerRun: threads };
  return withWorkbench(options, (call, wb) => {
    const follow = { json: v.json ?? false, quiet: v.quiet ?? false, save: v.save, started };
    if (sub === 'resume') return followRun(wb, () => call('resumeRun', { id }), follow);
    if (sub === 'extend') return followRun(wb, () => call('extendRun', { id, epochs: epochs! }), follow);
    const overrides = stripUndefined({ ...parseOverrides(v.overrides), lr: num('lr', v.lr), l2: num('l2', v.l2), epochs });
    return followRun(wb, () => call('forkRun', { id, overrides, fromEpoch: int('from-epoch', v['from-epoch']) }), follow);
  });
}

function parseOverrides(text: string | undefined): Partial<RunConfigInput> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Partial<RunConfigInput>;
  } catch (err) {
    throw new UsageError(`--overrides: expected a JSON object of config fields, got '${text}' (${(err as Error).message})`);
  }
}

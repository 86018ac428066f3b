// `grid` options: a spec file, or the train flags as the base plus one --param per searched config path.
import { REMOTE_HELP, REMOTE_OPTIONS, remoteOf, type RemoteChoice } from './remote-option';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GridSpecInput } from '../../shared/grid-spec';
import type { GridValue } from '../../shared/grid-expand';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, parseFlags } from './flags';
import { CONFIG_OPTIONS, configFromFlags, kernelsOf, type KernelChoice } from './train-options';
import { UsageError } from './usage-error';

export const GRID_HELP = `Usage: nn-workbench grid --spec FILE.json [options]
       nn-workbench grid [train options] --param PATH=VALUES [--param ...] [options]

Runs a grid search: every combination of the parameters' values is one run (the first parameter varies
slowest), queued and trained a few at a time, all recorded as one grid in the data folder.

The spec file is JSON in the shape of W&B sweeps:
  { "name": "lr x l2", "base": { …a run config… },
    "parameters": { "lr": { "values": [0.1, 0.01] }, "l2": { "min": 1e-5, "max": 1e-3, "count": 3, "log": true } },
    "run_cap": 20 }
Without a file, the train options (see \`train --help\`) make the base config, and each --param adds a parameter:
  --param lr=0.1,0.05,0.01           a list (numbers, true/false, or text)
  --param 'lr=[0.1,0.01]'            a JSON array
  --param l2=1e-5..1e-3:3:log        COUNT values from MIN to MAX (evenly, or evenly in log space)
  --param optimizer.momentum=0.5,0.9 any dotted config path

  --run-cap N              run only the first N cells
  --name NAME              the grid's name
  --concurrency N          runs training at once (default: the number of cores)
${REMOTE_HELP}
${DATA_DIR_HELP}
  --json                   print the grid's results as one JSON object on stdout
  --quiet                  no progress output
  -h, --help               show this help
`;

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...COMMON_OPTIONS,
  spec: { type: 'string' },
  param: { type: 'string', multiple: true },
  'run-cap': { type: 'string' },
  name: { type: 'string' },
  concurrency: { type: 'string' },
  ...REMOTE_OPTIONS,
} as const;

export type GridOptions =
  | { help: true }
  | ({ help: false; spec: GridSpecInput; json: boolean; quiet: boolean; kernels: KernelChoice; dataDir: string; concurrency?: number } & RemoteChoice);

/** One `--param` value: JSON where it parses (numbers, booleans, quoted text), else the text itself. */
function gridValue(text: string): GridValue {
  try {
    return JSON.parse(text) as GridValue;
  } catch {
    return text;
  }
}

/**
 * The base with its dataset folder made absolute against the working folder, as `train --dataset` does: on the
 * command line a relative path means "from here" (the service would read it from the data folder).
 */
function withAbsoluteFolder(base: GridSpecInput['base']): GridSpecInput['base'] {
  const dataset = (base as { dataset?: unknown } | undefined)?.dataset;
  if (typeof dataset !== 'object' || dataset === null) return base;
  const { name, path: folder } = dataset as { name?: unknown; path?: unknown };
  return name === 'folder' && typeof folder === 'string' ? { ...base, dataset: { ...dataset, name, path: path.resolve(folder) } } : base;
}

/** `PATH=VALUES` → [path, parameter]; the spec's schema checks the path and every cell's values later. */
export function parseParam(text: string): [string, Record<string, unknown>] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(`--param: expected PATH=VALUES, got '${text}'`);
  const key = text.slice(0, eq).trim();
  const rest = text.slice(eq + 1).trim();
  const range = /^(.+?)\.\.(.+?):(\d+)(:log)?$/.exec(rest);
  if (range) {
    const [, min, max, count, log] = range as unknown as [string, string, string, string, string | undefined];
    const n = (s: string) => {
      const v = Number(s);
      if (!Number.isFinite(v)) throw new UsageError(`--param ${key}: '${s}' is not a number`);
      return v;
    };
    return [key, { min: n(min), max: n(max), count: n(count), ...(log && { log: true }) }];
  }
  if (rest.startsWith('[')) {
    const values = gridValue(rest);
    if (!Array.isArray(values)) throw new UsageError(`--param ${key}: '${rest}' is not a JSON array`);
    return [key, { values }];
  }
  return [key, { values: rest.split(',').map((s) => gridValue(s.trim())) }];
}

export function parseGridOptions(argv: readonly string[]): GridOptions {
  const v = parseFlags(argv, OPTIONS).values;
  if (v.help) return { help: true };
  const common = {
    json: Boolean(v.json),
    quiet: Boolean(v.quiet),
    kernels: kernelsOf(v),
    dataDir: dataDirOf(v['data-dir']),
    concurrency: int('concurrency', v.concurrency),
    ...remoteOf(v),
  };
  const runCap = int('run-cap', v['run-cap']);
  let spec: GridSpecInput;
  if (v.spec !== undefined) {
    const configFlags = Object.keys(CONFIG_OPTIONS).filter((k) => k !== 'kernels' && k !== 'quiet' && v[k as keyof typeof v] !== undefined);
    if (v.param || configFlags.length)
      throw new UsageError(`--spec cannot be combined with ${v.param ? '--param' : `--${configFlags[0]}`}: put everything in the file`);
    let text: string;
    try {
      text = readFileSync(v.spec, 'utf8');
    } catch (err) {
      throw new UsageError(`--spec: cannot read ${v.spec}: ${(err as Error).message}`);
    }
    try {
      spec = JSON.parse(text) as GridSpecInput;
    } catch (err) {
      throw new UsageError(`--spec: ${v.spec} is not valid JSON: ${(err as Error).message}`);
    }
  } else {
    if (!v.param?.length) throw new UsageError('give --spec FILE or at least one --param PATH=VALUES');
    const { name: _name, ...base } = configFromFlags(v);
    spec = { base, parameters: Object.fromEntries(v.param.map(parseParam)) } as GridSpecInput;
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new UsageError('--spec: the file must hold one JSON object');
  if (spec.base !== undefined) spec = { ...spec, base: withAbsoluteFolder(spec.base) };
  spec = { ...spec, ...(v.name !== undefined && { name: v.name }), ...(runCap !== undefined && { run_cap: runCap }) };
  return { help: false, spec, ...common };
}

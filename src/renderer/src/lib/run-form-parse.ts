// Form → RunConfig: parse the typed text, build the config, validate it with the contract's schema, and put
// every problem beside the input it belongs to (the server's ApiError.field maps the same way).
import type { LayerSpec, ModelSpec } from '../../../engine/models/spec';
import { mlpSpec, reportCnnSpec } from '../../../shared/model-presets';
import { runConfigSchema, type RunConfigInput } from '../../../shared/run-config';
import { readableMessage } from './field-errors';
import { ACTIVATIONS, type LayerRow, type RunFormState } from './run-form-state';

/** Form field → message; layer rows use "layers.<i>.<param>"; problems with no input use "_form". */
export type FieldErrors = Record<string, string>;

export interface FormContext {
  /** [channels, height, width] of one sample of the chosen dataset. */
  readonly input: readonly [number, number, number];
  readonly classes: number;
}

export const MNIST_CONTEXT: FormContext = { input: [1, 28, 28], classes: 10 };

export type ParseResult = { readonly ok: true; readonly config: RunConfigInput } | { readonly ok: false; readonly errors: FieldErrors };

class Reader {
  readonly errors: FieldErrors = {};
  /** A number from text; '' gives undefined (or an error when required). */
  num(field: string, text: string, required = false): number | undefined {
    const t = text.trim();
    if (t === '') {
      if (required) this.errors[field] ??= 'is required';
      return undefined;
    }
    const v = Number(t);
    if (!Number.isFinite(v)) {
      this.errors[field] ??= `must be a number, got "${t}"`;
      return undefined;
    }
    return v;
  }
}

function layerFromRow(r: Reader, row: LayerRow, i: number): LayerSpec {
  const f = (p: string) => `layers.${i}.${p}`;
  switch (row.type) {
    case 'linear':
      return { type: 'linear', units: r.num(f('units'), row.units, true) ?? 1, ...(row.init && { init: row.init }) };
    case 'conv2d':
      return {
        type: 'conv2d',
        filters: r.num(f('filters'), row.filters, true) ?? 1,
        kernel: r.num(f('kernel'), row.kernel, true) ?? 1,
        ...opt('stride', r.num(f('stride'), row.stride)),
        ...opt('padding', r.num(f('padding'), row.padding)),
        ...(row.init && { init: row.init }),
      };
    case 'maxpool2d':
      return { type: 'maxpool2d', size: r.num(f('size'), row.size, true) ?? 1, ...opt('stride', r.num(f('stride'), row.stride)) };
    case 'dropout':
      return { type: 'dropout', rate: r.num(f('rate'), row.rate, true) ?? 0 };
    case 'leaky_relu':
      return { type: 'leaky_relu', ...opt('slope', r.num(f('slope'), row.slope)) };
    default:
      return { type: row.type } as LayerSpec;
  }
}

function opt<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** The model with the form's init (none for auto, as configs were before inits existed). */
function buildModel(r: Reader, s: RunFormState, ctx: FormContext): ModelSpec | undefined {
  const model = buildLayers(r, s, ctx);
  if (!model || s.init === 'auto') return model;
  return { ...model, init: { type: s.init, ...(s.init === 'normal' && opt('std', r.num('initStd', s.initStd))) } };
}

function buildLayers(r: Reader, s: RunFormState, ctx: FormContext): ModelSpec | undefined {
  if (s.modelKind === 'cnn') return reportCnnSpec({ classes: ctx.classes, input: ctx.input });
  if (s.modelKind === 'layers') return { input: ctx.input, layers: s.layers.map((row, i) => layerFromRow(r, row, i)) };
  const parts = s.hidden.split(/[\s,;]+/).filter(Boolean);
  const hidden = parts.map(Number);
  if (parts.length === 0) {
    r.errors.hidden = 'give at least one hidden layer size, e.g. "128, 64"';
    return undefined;
  }
  if (hidden.some((h) => !Number.isInteger(h) || h < 1 || h > 65536)) {
    r.errors.hidden = 'sizes must be whole numbers from 1 to 65536, separated by commas';
    return undefined;
  }
  const acts = s.activation.split(/[\s,;]+/).filter(Boolean);
  const unknown = acts.find((a) => !(ACTIVATIONS as readonly string[]).includes(a));
  if (unknown) {
    r.errors.activation = `unknown activation "${unknown}" (use ${ACTIVATIONS.join(', ')})`;
    return undefined;
  }
  if (acts.length !== 1 && acts.length !== hidden.length) {
    r.errors.activation = `give one activation, or one per hidden layer (${hidden.length})`;
    return undefined;
  }
  const activation = acts.length === 1 ? (acts[0] as (typeof ACTIVATIONS)[number]) : (acts as (typeof ACTIVATIONS)[number][]);
  return mlpSpec({ hidden, activation, classes: ctx.classes, input: ctx.input });
}

function buildOptimizer(r: Reader, s: RunFormState): RunConfigInput['optimizer'] {
  switch (s.optimizer) {
    case 'sgd':
      return { type: 'sgd' };
    case 'momentum':
      return { type: 'momentum', ...opt('momentum', r.num('momentum', s.momentum)), ...(s.nesterov ? { nesterov: true } : {}) };
    case 'rmsprop':
      return { type: 'rmsprop', ...opt('rho', r.num('rho', s.rho)), ...opt('eps', r.num('eps', s.eps)) };
    case 'adam':
      return { type: 'adam', ...opt('beta1', r.num('beta1', s.beta1)), ...opt('beta2', r.num('beta2', s.beta2)), ...opt('eps', r.num('eps', s.eps)) };
  }
}

function buildSchedule(r: Reader, s: RunFormState): RunConfigInput['schedule'] {
  switch (s.schedule) {
    case 'constant':
      return { type: 'constant' };
    case 'step':
      return { type: 'step', everyEpochs: r.num('everyEpochs', s.everyEpochs, true) ?? 1, gamma: r.num('gamma', s.gamma, true) ?? 1 };
    case 'exponential':
      return { type: 'exponential', gamma: r.num('gamma', s.gamma, true) ?? 1, ...(s.decayPer === 'epoch' && { per: 'epoch' as const }) };
    case 'inverse_time':
      return { type: 'inverse_time', decay: r.num('decay', s.decay, true) ?? 0, ...(s.decayPer === 'epoch' && { per: 'epoch' as const }) };
    case 'cosine':
      return { type: 'cosine', ...opt('minLr', r.num('minLr', s.minLr)), ...opt('warmupSteps', r.num('warmupSteps', s.warmupSteps)) };
  }
}

/** Validates the form; on success the config is ready for api.startRun. */
export function formToConfig(s: RunFormState, ctx: FormContext = MNIST_CONTEXT): ParseResult {
  const r = new Reader();
  const dataset: RunConfigInput['dataset'] = s.dataset === 'folder' ? { name: 'folder', path: s.folderPath.trim() } : { name: s.dataset };
  const augment = {
    ...opt('translate', r.num('translate', s.translate)),
    ...opt('rotate', r.num('rotate', s.rotate)),
    ...opt('scale', r.num('scale', s.scale)),
  };
  const draft = {
    ...(s.name.trim() ? { name: s.name.trim() } : {}),
    dataset,
    ...opt('limitTrain', r.num('limitTrain', s.limitTrain)),
    ...opt('limitTest', r.num('limitTest', s.limitTest)),
    validationSplit: r.num('validationSplit', s.validationSplit) ?? 0,
    normalize: s.normalize === 'given' ? { mean: r.num('normMean', s.normMean, true), std: r.num('normStd', s.normStd, true) } : s.normalize,
    model: buildModel(r, s, ctx),
    optimizer: buildOptimizer(r, s),
    lr: r.num('lr', s.lr, true),
    schedule: buildSchedule(r, s),
    l2: r.num('l2', s.l2) ?? 0,
    batchSize: r.num('batchSize', s.batchSize, true),
    epochs: r.num('epochs', s.epochs, true),
    seed: r.num('seed', s.seed, true),
    augment,
    ...(s.passEveryEpoch ? {} : { trainPass: 'last_epoch' as const }),
    ...(s.keepAllCheckpoints ? { keepCheckpoints: 'all' as const } : {}),
    ...(s.earlyStopping ? { earlyStopping: { patience: r.num('patience', s.patience, true) ?? 1, minDelta: r.num('minDelta', s.minDelta) ?? 0 } } : {}),
  };
  const parsed = runConfigSchema.safeParse(draft);
  const errors: FieldErrors = { ...r.errors };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path.map(String).join('.'), s);
      errors[field] ??= readableMessage(issue.message);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, config: draft as RunConfigInput };
}

const SAME = new Set(['name', 'limitTrain', 'limitTest', 'validationSplit', 'lr', 'l2', 'batchSize', 'epochs', 'seed']);
const NESTED: Record<string, string> = {
  'dataset.path': 'folderPath',
  'optimizer.momentum': 'momentum',
  'optimizer.rho': 'rho',
  'optimizer.beta1': 'beta1',
  'optimizer.beta2': 'beta2',
  'optimizer.eps': 'eps',
  'schedule.everyEpochs': 'everyEpochs',
  'schedule.gamma': 'gamma',
  'schedule.decay': 'decay',
  'schedule.per': 'decayPer',
  'model.init': 'init',
  'model.init.type': 'init',
  'model.init.std': 'initStd',
  normalize: 'normalize',
  'normalize.mean': 'normMean',
  'normalize.std': 'normStd',
  'schedule.minLr': 'minLr',
  'schedule.warmupSteps': 'warmupSteps',
  'augment.translate': 'translate',
  'augment.rotate': 'rotate',
  'augment.scale': 'scale',
  'earlyStopping.patience': 'patience',
  'earlyStopping.minDelta': 'minDelta',
};

/** The form input a config path belongs to ("optimizer.momentum" → "momentum"); "_form" when none does. */
export function formFieldOf(path: string, s: Pick<RunFormState, 'modelKind'>): string {
  if (SAME.has(path)) return path;
  if (Object.hasOwn(NESTED, path)) return NESTED[path]!;
  if (path === 'dataset' || path.startsWith('dataset.')) return path.startsWith('dataset.path') ? 'folderPath' : 'dataset';
  if (path.startsWith('optimizer')) return 'optimizer';
  if (path.startsWith('schedule')) return 'schedule';
  if (path.startsWith('augment')) return 'translate';
  if (path.startsWith('model')) {
    if (s.modelKind === 'mlp') return 'hidden';
    if (s.modelKind === 'cnn') return 'modelKind';
    const m = path.match(/^model\.layers\.(\d+)(?:\.(\w+))?/);
    if (m) return m[2] ? `layers.${m[1]}.${m[2]}` : `layers.${m[1]}.type`;
    return 'layers';
  }
  return '_form';
}

// Models described by what they are ("hidden 128·64 relu", "conv 30@5×5 relu · pool 2 · hidden 100 relu"), and
// config paths into a layer list named by the layer they reach ("model.layers.2.type" → "hidden 1 activation").
import type { LayerSpec, ModelSpec } from '../engine/models/spec';

const ACTIVATIONS: ReadonlySet<string> = new Set(['relu', 'sigmoid', 'tanh', 'leaky_relu', 'gelu']);
const isActivation = (l: LayerSpec) => ACTIVATIONS.has(l.type);

/** One named piece of a model: a conv, pool, dropout or hidden layer, and what it is called ("hidden 2"). */
interface Part {
  readonly kind: 'conv' | 'pool' | 'dropout' | 'hidden' | 'output';
  /** 1-based among the parts of its kind. */
  readonly n: number;
  /** Index of its layer in the spec. */
  readonly layer: number;
  readonly text: string;
  /** Activations applied right after it. */
  readonly activations: string[];
}

function convText(l: Extract<LayerSpec, { type: 'conv2d' }>): string {
  const stride = l.stride && l.stride > 1 ? ` stride ${l.stride}` : '';
  const pad = l.padding ? ` pad ${l.padding}` : '';
  return `conv ${l.filters}@${l.kernel}×${l.kernel}${stride}${pad}`;
}

/** The model's parts in order; each activation is attached to the part before it (and indexed to it). */
function partsOf(model: ModelSpec): { parts: Part[]; owner: (number | null)[] } {
  const parts: Part[] = [];
  const owner: (number | null)[] = [];
  const count = { conv: 0, pool: 0, dropout: 0, hidden: 0, output: 0 };
  const lastLinear = model.layers.map((l) => l.type).lastIndexOf('linear');
  model.layers.forEach((l, i) => {
    if (isActivation(l)) {
      const prev = parts[parts.length - 1];
      prev?.activations.push(l.type);
      owner.push(prev ? parts.length - 1 : null);
      return;
    }
    let kind: Part['kind'];
    let text: string;
    if (l.type === 'conv2d') [kind, text] = ['conv', convText(l)];
    else if (l.type === 'maxpool2d') [kind, text] = ['pool', `pool ${l.size}${l.stride && l.stride !== l.size ? ` stride ${l.stride}` : ''}`];
    else if (l.type === 'dropout') [kind, text] = ['dropout', `dropout ${l.rate}`];
    else if (l.type === 'linear') [kind, text] = i === lastLinear ? ['output', `output ${l.units}`] : ['hidden', String(l.units)];
    else {
      owner.push(null); // flatten: no part of its own
      return;
    }
    owner.push(parts.length);
    parts.push({ kind, n: ++count[kind], layer: i, text, activations: [] });
  });
  return { parts, owner };
}

const unique = (xs: readonly string[]) => [...new Set(xs)];

/**
 * What a model is, in a few words: hidden sizes with their activation for an MLP ("hidden 128·64 relu"),
 * the layer stack for a CNN ("conv 30@5×5 relu · pool 2 · hidden 100 relu"). The output layer is left out.
 */
export function describeModel(model: ModelSpec): string {
  const words: string[] = [];
  let hidden: Part[] = [];
  const flushHidden = () => {
    if (hidden.length === 0) return;
    const acts = unique(hidden.flatMap((h) => h.activations));
    words.push(`hidden ${hidden.map((h) => h.text).join('·')}${acts.length ? ` ${acts.join('/')}` : ''}`);
    hidden = [];
  };
  for (const part of partsOf(model).parts) {
    if (part.kind === 'output') continue;
    if (part.kind === 'hidden') {
      hidden.push(part);
      continue;
    }
    flushHidden();
    words.push(`${part.text}${part.activations.length ? ` ${unique(part.activations).join('/')}` : ''}`);
  }
  flushHidden();
  return words.length ? words.join(' · ') : 'softmax regression';
}

const MODEL_PATH = /^model\.layers\.(\d+)(?:\.(\w+))?$/;

/**
 * A config path named for people: a path into `model`'s layer list becomes the layer it reaches
 * ("model.layers.1.units" → "hidden 1 units", "model.layers.2.type" → "hidden 1 activation",
 * "model.layers.0.filters" → "conv 1 filters"); any other path is returned as it is.
 */
export function describeConfigPath(path: string, model: ModelSpec | undefined): string {
  if (path === 'model.input') return 'input shape';
  const m = MODEL_PATH.exec(path);
  if (!m || !model) return path;
  const index = Number(m[1]);
  const field = m[2];
  const layer = model.layers[index];
  if (!layer) return path;
  const { parts, owner } = partsOf(model);
  const at = owner[index];
  const part = at === null || at === undefined ? undefined : parts[at];
  if (!part) return field ? `layer ${index} ${field}` : `layer ${index}`;
  const name = part.kind === 'output' ? 'output' : `${part.kind} ${part.n}`;
  if (isActivation(layer)) return field && field !== 'type' ? `${name} activation ${field}` : `${name} activation`;
  return field ? `${name} ${field === 'type' ? 'layer' : field}` : name;
}

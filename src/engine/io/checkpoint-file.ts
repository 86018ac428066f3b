// A TrainerCheckpoint as bytes: a safetensors file (weights as `param/…`, optimizer buffers as `optim/…`)
// whose metadata holds the scalars and RNG states as JSON. Float32 arrays and JSON doubles round-trip exactly.
import { EngineError } from '../errors';
import type { NamedArray, TrainerCheckpoint } from '../train/checkpoint';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

const FORMAT = 'nn-workbench-checkpoint/1';
const STATE_KEY = 'checkpoint';

/** A checkpoint file that cannot be read; `source` names the file. */
export class CheckpointError extends EngineError {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`checkpoint ${source}: ${message}`);
  }
}

/** `extra` metadata (e.g. the run config) travels along as strings. */
export function encodeCheckpoint(c: TrainerCheckpoint, extra: Readonly<Record<string, string>> = {}): Uint8Array {
  const { params, optimizer, ...scalars } = c;
  const buffers = optimizer?.buffers ?? [];
  const state = { format: FORMAT, ...scalars, optimizerStep: optimizer?.step ?? null, params: params.map((p) => p.name), buffers: buffers.map((b) => b.name) };
  const tensors = [...params.map((p) => ({ ...p, name: `param/${p.name}` })), ...buffers.map((b) => ({ ...b, name: `optim/${b.name}` }))];
  return encodeSafetensors(tensors, { ...extra, [STATE_KEY]: JSON.stringify(state, finiteJson) });
}

/** @throws CheckpointError naming `source` when the bytes are not a whole checkpoint of this format. */
export function decodeCheckpoint(bytes: Uint8Array, source: string): { checkpoint: TrainerCheckpoint; metadata: Record<string, string> } {
  let file;
  try {
    file = decodeSafetensors(bytes, source);
  } catch (err) {
    throw new CheckpointError(source, `is corrupt or truncated (${(err as Error).message})`);
  }
  const text = file.metadata[STATE_KEY];
  if (text === undefined) throw new CheckpointError(source, 'has no checkpoint state (not a checkpoint file)');
  const s = JSON.parse(text, finiteRevive) as Omit<TrainerCheckpoint, 'params' | 'optimizer'> & {
    format: string;
    optimizerStep: number | null;
    params: string[];
    buffers: string[];
  };
  if (s.format !== FORMAT) throw new CheckpointError(source, `has format ${s.format}, this version reads ${FORMAT}`);
  const byName = new Map(file.tensors.map((t) => [t.name, t]));
  const take = (prefix: string, name: string): NamedArray => {
    const t = byName.get(`${prefix}/${name}`);
    if (!t) throw new CheckpointError(source, `is missing tensor ${prefix}/${name}`);
    return { name, shape: t.shape, data: t.data };
  };
  const { format: _f, optimizerStep, params, buffers, ...scalars } = s;
  const checkpoint: TrainerCheckpoint = {
    ...scalars,
    params: params.map((n) => take('param', n)),
    optimizer: optimizerStep === null ? null : { step: optimizerStep, buffers: buffers.map((n) => take('optim', n)) },
  };
  const { [STATE_KEY]: _s, ...metadata } = file.metadata;
  return { checkpoint, metadata };
}

// NOTE: JSON has no NaN or ±Infinity (an early stopper's best starts at Infinity; a loss may be NaN), so they travel as strings.
function finiteJson(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? `__${String(v)}` : v;
}

function finiteRevive(_key: string, v: unknown): unknown {
  if (v === '__NaN') return NaN;
  if (v === '__Infinity') return Infinity;
  if (v === '__-Infinity') return -Infinity;
  return v;
}

// A run's parameters without training anything: the tensors of its safetensors file, and the shapes its spec builds.
import { decodeSafetensors } from '../../engine/io/safetensors';
import { referenceKernels } from '../../engine/kernels/reference';
import { buildModel } from '../../engine/models/build';
import type { ModelSpec } from '../../engine/models/spec';
import type { StoredWeight } from './weight-views';

/** Every tensor of a weights file (as saveWeights writes it), in file order. */
export function readWeightsFile(bytes: Uint8Array, source = 'weights'): StoredWeight[] {
  return decodeSafetensors(bytes, source).tensors.map((t) => ({ param: t.name, shape: [...t.shape], values: t.data }));
}

export interface ParamShape {
  readonly param: string;
  readonly shape: readonly number[];
  readonly role: 'weight' | 'bias';
}

const shapeCache = new Map<string, ParamShape[]>();

/** The params the spec builds, in model order (cached by spec; building the small models takes a millisecond). */
export function paramShapes(spec: ModelSpec): ParamShape[] {
  const key = JSON.stringify(spec);
  let shapes = shapeCache.get(key);
  if (!shapes) {
    shapes = buildModel(spec, referenceKernels, 0)
      .params()
      .map((p) => ({ param: p.name, shape: [...p.shape], role: p.role }));
    if (shapeCache.size > 64) shapeCache.clear();
    shapeCache.set(key, shapes);
  }
  return shapes;
}

// A trained model back from its safetensors file: build the spec, fill every param by name, and read how it scales inputs.
import type { Normalisation } from '../../engine/data/dataset';
import { decodeSafetensors } from '../../engine/io/safetensors';
import type { Kernels } from '../../engine/kernels/kernels';
import { buildModel } from '../../engine/models/build';
import type { Sequential } from '../../engine/models/sequential';
import type { ModelSpec } from '../../engine/models/spec';
import { ConflictError } from '../../shared/api-wire';
import { normalisationOf } from './weights-file';

export interface StoredModel {
  readonly model: Sequential;
  /** How the run scaled pixels into inputs: predictions must scale them the same way. */
  readonly normalisation: Normalisation;
}

/**
 * The model of `spec` with the weights of `file` (as saveWeights writes it).
 * @throws ConflictError when the file does not fit the spec (a missing or misshapen tensor), naming it.
 */
export function loadStoredModel(file: Uint8Array, spec: ModelSpec, kernels: Kernels, source = 'weights'): StoredModel {
  const { tensors, metadata } = decodeSafetensors(file, source);
  const byName = new Map(tensors.map((t) => [t.name, t]));
  // The seed only sets the initial weights, which are all overwritten below.
  const model = buildModel(spec, kernels, 0);
  for (const p of model.params()) {
    const t = byName.get(p.name);
    if (!t) throw new ConflictError(`${source}: no tensor "${p.name}" for the model (has: ${[...byName.keys()].join(', ')})`);
    if (t.shape.join() !== p.shape.join()) {
      throw new ConflictError(`${source}: tensor "${p.name}" is [${t.shape.join(', ')}], the model needs [${p.shape.join(', ')}]`);
    }
    p.value.set(t.data);
  }
  let normalisation: Normalisation;
  try {
    normalisation = normalisationOf(metadata);
  } catch (err) {
    throw new ConflictError(`${source}: ${(err as Error).message}`);
  }
  return { model, normalisation };
}

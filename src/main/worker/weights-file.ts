// A trained model as a safetensors file: PyTorch-named tensors, with the run config in the metadata.
import { encodeSafetensors } from '../../engine/io/safetensors';
import type { Sequential } from '../../engine/models/sequential';
import type { RunConfig } from '../../shared/run-config';

export const ENGINE_VERSION = '0.1.0';

/** Weights + biases of every layer, plus `config` (the run) and `model` (its spec) as JSON metadata. */
export function saveWeights(model: Sequential, config: RunConfig): Uint8Array {
  const tensors = model.params().map((p) => ({ name: p.name, shape: [...p.shape], data: p.value }));
  return encodeSafetensors(tensors, {
    format: 'pt',
    engine: `nn-workbench ${ENGINE_VERSION}`,
    model: JSON.stringify(model.spec),
    config: JSON.stringify(config),
  });
}

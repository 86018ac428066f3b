// A trained model as a safetensors file: PyTorch-named tensors, with the run config and the input scaling in the metadata.
import { type Normalisation, SCALE_ONLY } from '../../engine/data/dataset';
import { encodeSafetensors } from '../../engine/io/safetensors';
import type { Sequential } from '../../engine/models/sequential';
import type { RunConfig } from '../../shared/run-config';

export const ENGINE_VERSION = '0.1.0';

/** The metadata key of the input scaling: JSON `{"mean": m, "std": s}`, the model's input being (pixel/255 − m) / s. */
export const NORMALISATION_KEY = 'normalisation';

/**
 * Weights + biases of every layer, plus `config` (the run), `model` (its spec) and `normalisation` (how pixels
 * became inputs, with a standardized run's measured mean and std) as JSON metadata: the file predicts on its own.
 */
export function saveWeights(model: Sequential, config: RunConfig, normalisation: Normalisation = SCALE_ONLY): Uint8Array {
  const tensors = model.params().map((p) => ({ name: p.name, shape: [...p.shape], data: p.value }));
  return encodeSafetensors(tensors, {
    format: 'pt',
    engine: `nn-workbench ${ENGINE_VERSION}`,
    model: JSON.stringify(model.spec),
    config: JSON.stringify(config),
    [NORMALISATION_KEY]: JSON.stringify({ mean: normalisation.mean, std: normalisation.std }),
  });
}

/** The input scaling a weights file records; x/255 for files written before it was recorded (they all used it). */
export function normalisationOf(metadata: Readonly<Record<string, string>>): Normalisation {
  const text = metadata[NORMALISATION_KEY];
  if (text === undefined) return SCALE_ONLY;
  const { mean, std } = JSON.parse(text) as { mean?: unknown; std?: unknown };
  if (typeof mean !== 'number' || typeof std !== 'number' || !Number.isFinite(mean) || !(std > 0)) {
    throw new Error(`weights file: metadata "${NORMALISATION_KEY}" must be {"mean": number, "std": number > 0}, got ${text}`);
  }
  return { mean, std };
}

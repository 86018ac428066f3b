// Checks a ModelSpec before anything is allocated: every field in range, shapes that fit, a sane size.
import { ConfigError } from '../errors';
import { convOutSize } from '../kernels/kernels';
import { checkInitSpec } from './init-choice';
import type { LayerSpec, ModelSpec } from './spec';

/** Largest model we agree to build (values, not bytes): far beyond MNIST needs, far below memory limits. */
export const MAX_PARAMETERS = 50_000_000;

function int(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Throws ConfigError naming the first bad field (e.g. "model.layers.2.units"). */
export function validateModelSpec(spec: ModelSpec): void {
  if (!Array.isArray(spec.input) || spec.input.length !== 3) throw new ConfigError('model.input', 'must be [channels, height, width]');
  let [c, h, w] = spec.input.map((d, i) => int(`model.input.${i}`, d, 1, 4096)) as [number, number, number];
  let flat = false;
  let params = 0;
  if (spec.init !== undefined) checkInitSpec('model.init', spec.init);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new ConfigError('model.layers', 'must list at least one layer');
  spec.layers.forEach((layer: LayerSpec, i) => {
    const at = `model.layers.${i}`;
    switch (layer.type) {
      case 'linear': {
        if (layer.init !== undefined) checkInitSpec(`${at}.init`, layer.init);
        const units = int(`${at}.units`, layer.units, 1, 65536);
        params += c * h * w * units + units;
        [c, h, w, flat] = [units, 1, 1, true];
        break;
      }
      case 'conv2d':
      case 'maxpool2d': {
        if (flat) throw new ConfigError(`${at}.type`, `${layer.type} needs an image input, but the layers before it flatten it`);
        const k = int(`${at}.${layer.type === 'conv2d' ? 'kernel' : 'size'}`, layer.type === 'conv2d' ? layer.kernel : layer.size, 1, 64);
        const stride = int(`${at}.stride`, layer.stride ?? (layer.type === 'conv2d' ? 1 : k), 1, 64);
        const pad = layer.type === 'conv2d' ? int(`${at}.padding`, layer.padding ?? 0, 0, 64) : 0;
        if (h + 2 * pad < k || w + 2 * pad < k) throw new ConfigError(at, `window ${k} does not fit the ${h}×${w} input`);
        if (layer.type === 'conv2d') {
          if (layer.init !== undefined) checkInitSpec(`${at}.init`, layer.init);
          const filters = int(`${at}.filters`, layer.filters, 1, 4096);
          params += filters * c * k * k + filters;
          c = filters;
        }
        [h, w] = [convOutSize(h, k, stride, pad), convOutSize(w, k, stride, pad)];
        break;
      }
      case 'flatten':
        [c, h, w, flat] = [c * h * w, 1, 1, true];
        break;
      case 'dropout':
        if (typeof layer.rate !== 'number' || !(layer.rate >= 0 && layer.rate < 1)) throw new ConfigError(`${at}.rate`, `must be in [0, 1), got ${layer.rate}`);
        break;
      case 'leaky_relu':
        if (layer.slope !== undefined && !(layer.slope >= 0 && layer.slope < 1)) throw new ConfigError(`${at}.slope`, `must be in [0, 1), got ${layer.slope}`);
        break;
      case 'relu':
      case 'sigmoid':
      case 'tanh':
      case 'gelu':
        break;
      default:
        throw new ConfigError(`${at}.type`, `unknown layer type ${JSON.stringify((layer as { type: unknown }).type)}`);
    }
    if (params > MAX_PARAMETERS) throw new ConfigError(at, `the model would exceed ${MAX_PARAMETERS} parameters`);
  });
}

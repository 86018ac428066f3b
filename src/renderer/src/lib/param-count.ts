// Trainable parameters and output shape of a model spec, worked out layer by layer (for the form's summary).
import type { ModelSpec } from '../../../engine/models/spec';

export interface ModelShapeInfo {
  /** Total weights and biases, or null when the spec does not fit its input (the problem says why). */
  readonly params: number | null;
  readonly output: readonly number[] | null;
  readonly problem: string | null;
}

/** Walks the layers from `spec.input` ([C, H, W]); a conv or pool that does not fit stops the walk. */
export function modelShapeInfo(spec: ModelSpec): ModelShapeInfo {
  let shape: number[] = [...spec.input];
  let params = 0;
  for (let i = 0; i < spec.layers.length; i++) {
    const l = spec.layers[i]!;
    const where = `layer ${i + 1} (${l.type})`;
    switch (l.type) {
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'linear': {
        const inputs = shape.reduce((a, b) => a * b, 1);
        if (shape.length !== 1) return { params: null, output: null, problem: `${where} needs a flat input: add a flatten layer before it` };
        params += inputs * l.units + l.units;
        shape = [l.units];
        break;
      }
      case 'conv2d': {
        if (shape.length !== 3) return { params: null, output: null, problem: `${where} needs an image input [C, H, W]` };
        const [c, h, w] = shape as [number, number, number];
        const s = l.stride ?? 1;
        const p = l.padding ?? 0;
        const oh = Math.floor((h + 2 * p - l.kernel) / s) + 1;
        const ow = Math.floor((w + 2 * p - l.kernel) / s) + 1;
        if (oh < 1 || ow < 1) return { params: null, output: null, problem: `${where}: a ${l.kernel}×${l.kernel} kernel does not fit a ${h}×${w} input` };
        params += l.filters * c * l.kernel * l.kernel + l.filters;
        shape = [l.filters, oh, ow];
        break;
      }
      case 'maxpool2d': {
        if (shape.length !== 3) return { params: null, output: null, problem: `${where} needs an image input [C, H, W]` };
        const [c, h, w] = shape as [number, number, number];
        const s = l.stride ?? l.size;
        const oh = Math.floor((h - l.size) / s) + 1;
        const ow = Math.floor((w - l.size) / s) + 1;
        if (oh < 1 || ow < 1) return { params: null, output: null, problem: `${where}: a ${l.size}×${l.size} window does not fit a ${h}×${w} input` };
        shape = [c, oh, ow];
        break;
      }
      default:
        break;
    }
  }
  return { params, output: shape, problem: null };
}

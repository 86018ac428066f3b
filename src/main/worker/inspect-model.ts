// End-of-epoch introspection for the protocol: per-param statistics, dead ReLU units over a probe batch,
// and the first weighted layer as images. A few milliseconds per epoch for the report's models.
import type { Dataset } from '../../engine/data/dataset';
import { exampleSize } from '../../engine/data/dataset';
import { convKernelImages, countDeadUnits, summarizeParam, toImageStack } from '../../engine/inspect';
import type { Sequential } from '../../engine/models/sequential';
import { Tensor } from '../../engine/tensor';
import type { Inspection, WeightSnapshot } from '../../shared/worker-protocol';

/** Probe batch size: enough samples that a unit silent on all of them is very likely dead. */
export const PROBE_SAMPLES = 256;

/**
 * The first `maxSamples` examples of `ds` as one input batch in the model's backend memory.
 * returns: [n, C, H, W] with n = min(maxSamples, ds.n).
 */
export function makeProbe(model: Sequential, ds: Dataset, maxSamples = PROBE_SAMPLES): Tensor {
  const n = Math.min(maxSamples, ds.n);
  const size = exampleSize(ds);
  const data = model.kernels.alloc(n * size);
  data.set(ds.images.subarray(0, n * size));
  return new Tensor([n, ...ds.shape], data);
}

/**
 * Statistics and a 30-bin histogram of every param (values and gradient norm of the last step), and the
 * dead units of every ReLU over `probe`: [n, C, H, W]. Runs the model in inference mode, which is safe
 * between steps (the next training forward saves afresh what backward needs).
 * NOTE: only ReLU units can die: leaky ReLU and GELU pass a gradient below 0, sigmoid/tanh never reach 0.
 */
export function inspectModel(model: Sequential, probe: Tensor, bins = 30): Inspection {
  const params = model.params().map((p) => {
    const s = summarizeParam(p, { bins });
    return {
      name: s.name,
      role: s.role,
      shape: [...s.shape],
      values: s.values,
      gradNorm: s.gradNorm,
      histogram: { min: s.histogram.min, max: s.histogram.max, counts: Array.from(s.histogram.counts), dropped: s.histogram.dropped },
    };
  });
  const deadUnits: Inspection['deadUnits'] = [];
  let y = probe;
  model.layers.forEach((layer, i) => {
    y = layer.forward(y, false);
    if (layer.type !== 'relu') return;
    const groupBy = y.shape.length === 4 ? 'channel' : 'feature';
    const units = groupBy === 'channel' ? y.shape[1]! : y.size / Math.max(y.shape[0]!, 1);
    deadUnits.push({ layer: `layers.${i}`, groupBy, units, dead: countDeadUnits(y, groupBy), samples: probe.shape[0]! });
  });
  return { params, deadUnits };
}

/**
 * The first Linear or Conv2d weight as 8-bit images (per-image symmetric range, 0 is mid-gray):
 * a Linear [units, C·H·W] fed by the input image gives units·C pictures of H×W, any other Linear one
 * 1×in strip per unit, a Conv2d [F, C, kh, kw] F·C kernels of kh×kw. Null for a model without weights.
 */
export function firstLayerSnapshot(model: Sequential): WeightSnapshot | null {
  const index = model.layers.findIndex((l) => l.type === 'linear' || l.type === 'conv2d');
  if (index < 0) return null;
  const layer = model.layers[index]!;
  const weight = layer.params().find((p) => p.role === 'weight');
  if (!weight) return null;
  const shape = [...weight.shape];
  let stack;
  if (layer.type === 'conv2d') {
    stack = convKernelImages(weight.value, shape);
  } else {
    const [c, h, w] = model.spec.input;
    const [units, inputs] = shape as [number, number];
    stack = inputs === c * h * w ? toImageStack(weight.value, units * c, h, w) : toImageStack(weight.value, units, 1, inputs);
  }
  return {
    param: weight.name,
    layerType: layer.type === 'conv2d' ? 'conv2d' : 'linear',
    shape,
    count: stack.count,
    height: stack.height,
    width: stack.width,
    pixels: stack.pixels,
    lo: stack.lo,
    hi: stack.hi,
  };
}

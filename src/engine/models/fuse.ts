// Fusion of neighbouring layers, so they share passes over memory: a ReLU after a linear or conv layer is
// taken in that layer's GEMM epilogue, a ReLU before a max-pool gets its backward mask from the pool, and
// a conv → ReLU → max-pool block trains image by image in one kernel (its convolution output stays in
// cache). Every layer keeps its own forward and backward; only who does the work moves.
import { ReLU } from '../layers/activations/relu';
import { Conv2d } from '../layers/conv2d';
import type { Layer } from '../layers/layer';
import { Linear } from '../layers/linear';
import { MaxPool2d } from '../layers/max-pool2d';

/** What was fused, as "layers.i+layers.j" (and "+layers.k") groups, for logs and tests. */
export function fuseLayers(layers: readonly Layer[]): string[] {
  const fused: string[] = [];
  layers.forEach((layer, i) => {
    if (!(layer instanceof ReLU)) return;
    const before = layers[i - 1];
    const after = layers[i + 1];
    if (before instanceof Conv2d && after instanceof MaxPool2d) {
      // Evaluation forwards stay unfused, the ReLU still in the conv's epilogue (fuseReLUAndPool sets it).
      before.fuseReLUAndPool({ size: after.size, stride: after.stride });
      after.fusedIntoConv();
      layer.fusedIntoPrevious();
      layer.fusedIntoNext();
      fused.push(`layers.${i - 1}+layers.${i}+layers.${i + 1}`);
      return;
    }
    if (before instanceof Linear || before instanceof Conv2d) {
      before.fuseReLU();
      layer.fusedIntoPrevious();
      fused.push(`layers.${i - 1}+layers.${i}`);
    }
    // NOTE: exact, not an approximation: max(ReLU(x)) = ReLU(max(x)), and the pooled output is > 0
    // exactly where the input at the argmax is, so routing dy only there is ReLU's backward mask.
    if (after instanceof MaxPool2d) {
      after.fuseReLUBackward();
      layer.fusedIntoNext();
      fused.push(`layers.${i}+layers.${i + 1}`);
    }
  });
  return fused;
}

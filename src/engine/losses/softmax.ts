// Row-wise softmax for prediction (training uses the fused softmax-cross-entropy instead).
import { expectShape, Tensor } from '../tensor';

/**
 * p[i, :] = softmax(logits[i, :]). logits: [N, K] → p: [N, K], written into `out` when given.
 * NOTE: subtracting the row maximum first keeps every exponent ≤ 0, so e^z cannot overflow.
 */
export function softmax(logits: Tensor, out?: Tensor): Tensor {
  expectShape('softmax', 'logits', logits.shape, [-1, -1]);
  const [n, k] = logits.shape as [number, number];
  const p = out ?? new Tensor([n, k]);
  expectShape('softmax', 'out', p.shape, [n, k]);
  const z = logits.data;
  const y = p.data;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[row + j]! > max) max = z[row + j]!;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(z[row + j]! - max);
      y[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) y[row + j] = y[row + j]! / sum;
  }
  return p;
}

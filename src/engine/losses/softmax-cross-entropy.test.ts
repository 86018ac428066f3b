import { describe, expect, it } from 'vitest';
import { EngineError, ShapeError } from '../errors';
import { referenceKernels } from '../kernels/reference';
import { Rng } from '../random';
import { gradcheckFunction, randomTensor } from '../testing/gradcheck';
import { Tensor } from '../tensor';
import { SoftmaxCrossEntropy, softmaxCrossEntropy } from './softmax-cross-entropy';

const Z = new Tensor([2, 3], Float32Array.of(1, 2, 3, 1, 2, 3));

describe('softmaxCrossEntropy', () => {
  it('gives the mean of −log p[label] and (softmax − onehot)/N', () => {
    const d = new Float32Array(6);
    const { loss, correct } = softmaxCrossEntropy(Z, [2, 0], d);
    // rows: log(1 + e⁻¹ + e⁻²) = 0.4076059644 and that + 2
    expect(loss).toBeCloseTo(1.4076059644, 9);
    expect(correct).toBe(1);
    const want = [0.0450152866, 0.1223642355, -0.1673795221, -0.4549847134, 0.1223642355, 0.3326204779];
    want.forEach((v, i) => expect(d[i]).toBeCloseTo(v, 7));
  });

  it('is stable for huge logits: no overflow, no NaN', () => {
    const z = new Tensor([2, 2], Float32Array.of(1000, 0, -1000, 1000));
    const d = new Float32Array(4);
    const { loss, correct } = softmaxCrossEntropy(z, [0, 0], d);
    expect(loss).toBe(1000); // (0 + 2000) / 2
    expect(correct).toBe(1);
    expect(Array.from(d)).toEqual([0, 0, -0.5, 0.5]);
  });

  it('counts ties as the first maximum', () => {
    const z = new Tensor([2, 2], Float32Array.of(5, 5, 5, 5));
    expect(softmaxCrossEntropy(z, [0, 1], null).correct).toBe(1);
  });

  it('passes the gradient check', () => {
    const logits = randomTensor([4, 5], new Rng(61), 3);
    const labels = [3, 0, 4, 1];
    const grad = new Float32Array(20);
    softmaxCrossEntropy(logits, labels, grad);
    const r = gradcheckFunction(() => softmaxCrossEntropy(logits, labels, null).loss, [{ name: 'dlogits', values: logits.data, grad }]);
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(20);
  });

  it('reads only the first N labels and rejects out-of-range ones', () => {
    expect(softmaxCrossEntropy(Z, Uint8Array.of(2, 0, 9, 9), null).loss).toBeCloseTo(1.4076059644, 9);
    expect(() => softmaxCrossEntropy(Z, [2], null)).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(Z, [2, 3], null)).toThrow(new EngineError('softmaxCrossEntropy: label 3 of row 1 is not a class in [0, 3)'));
  });
});

describe('SoftmaxCrossEntropy', () => {
  it('leaves dlogits in `grad`, reusing one buffer per batch size', () => {
    const loss = new SoftmaxCrossEntropy(referenceKernels);
    expect(() => loss.grad).toThrow(/before forwardBackward/);
    const big = randomTensor([8, 10], new Rng(1));
    const small = randomTensor([3, 10], new Rng(2));
    const labels = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    loss.forwardBackward(big, labels);
    const g = loss.grad;
    expect(g.shape).toEqual([8, 10]);
    loss.forwardBackward(small, labels);
    expect(loss.grad.shape).toEqual([3, 10]);
    const stats = loss.forwardBackward(big, labels);
    expect(loss.grad).toBe(g);
    expect(stats.loss).toBe(loss.lossOnly(big, labels));
    // each row of softmax − onehot sums to 0
    for (let i = 0; i < 8; i++) expect(g.data.subarray(i * 10, i * 10 + 10).reduce((s, v) => s + v, 0)).toBeCloseTo(0, 6);
  });

  it("gives each share of a batch its part of the loss and exactly the whole batch's gradient rows", () => {
    const whole = randomTensor([6, 4], new Rng(3));
    const labels = Uint8Array.of(0, 1, 2, 3, 0, 1);
    const all = new SoftmaxCrossEntropy(referenceKernels);
    const total = all.forwardBackward(whole, labels);
    const shares = [
      [0, 2],
      [2, 6],
    ].map(([start, end]) => {
      const part = new SoftmaxCrossEntropy(referenceKernels);
      const stats = part.forwardBackward(new Tensor([end! - start!, 4], whole.data.subarray(start! * 4, end! * 4)), labels.subarray(start, end), 6);
      return { stats, grad: Array.from(part.grad.data) };
    });
    expect(shares[0]!.stats.loss + shares[1]!.stats.loss).toBeCloseTo(total.loss, 12);
    expect(shares[0]!.stats.correct + shares[1]!.stats.correct).toBe(total.correct);
    expect([...shares[0]!.grad, ...shares[1]!.grad]).toEqual(Array.from(all.grad.data));
  });
});

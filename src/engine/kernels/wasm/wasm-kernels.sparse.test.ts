// The FC products that skip the zeros of x: the same bits as the dense GEMM path, whatever the zeros'
// pattern, the k-blocks, partial output groups and the 144-output blocks; non-finite weights go dense.
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { referenceKernels as ref } from '../reference';
import { createWasmKernels, type WasmKernels } from './index';

// [n, in, out]: the CNN's FC1 (3 k-blocks of 360 over 4320 here cut to 1080), outputs not a multiple of
// 4 or of 24 (a chunk), over 144 (two output blocks), one sample, one input, batches over the k-block (384).
const cases: number[][] = [
  [128, 1080, 100],
  [5, 17, 3],
  [9, 800, 150],
  [1, 1, 1],
  [3, 7, 29],
  [130, 33, 64],
  [400, 20, 10],
];

/** x with about `zeros` of its entries 0 (some -0), the rest uniform in [-1, 1) and one NaN when `nan`. */
function sparseInput(out: Float32Array, rng: Rng, zeros: number, nan = false): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform() < zeros ? (i % 3 === 0 ? -0 : 0) : rng.uniform() * 2 - 1;
  if (nan) out[Math.floor(out.length / 2)] = NaN;
  return out;
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe.each(runnableVariants())('wasm sparse linear (%s)', (variant) => {
  let dense: WasmKernels;
  let sparse: WasmKernels;
  beforeAll(async () => {
    dense = await createWasmKernels(readKernelWasm(variant), { maximumMiB: 64, sparseLinear: 'never' });
    sparse = await createWasmKernels(readKernelWasm(variant), { maximumMiB: 64, sparseLinear: 'always' });
  });

  function run(kernels: WasmKernels, n: number, inF: number, outF: number, data: Float32Array[], relu: boolean): Float32Array[] {
    const [x, w, b, dy] = data.map((d) =>
      kernels
        .alloc(d.length)
        .fill(0)
        .map((_, i) => d[i]!),
    );
    const [y, dw, db] = [kernels.alloc(n * outF).fill(7), kernels.alloc(outF * inF).fill(3), kernels.alloc(outF).fill(3)];
    kernels.linearForward(n, inF, outF, x!, w!, b!, relu, y);
    kernels.linearParamGrads(n, inF, outF, dy!, x!, dw, db);
    return [y, dw, db].map((a) => Float32Array.from(a));
  }

  it.each(cases)('gives the dense path bits for n=%i in=%i out=%i', (n, inF, outF) => {
    const rng = new Rng(n! * 31 + inF! + outF!);
    for (const [zeros, nan] of [
      [0.6, false],
      [0.95, true],
      [0, false],
      [1, false],
    ] as const) {
      const data = [
        sparseInput(new Float32Array(n! * inF!), rng, zeros, nan),
        sparseInput(new Float32Array(outF! * inF!), rng, 0),
        sparseInput(new Float32Array(outF!), rng, 0),
        sparseInput(new Float32Array(n! * outF!), rng, 0.2),
      ];
      for (const relu of [false, true]) {
        const want = run(dense, n!, inF!, outF!, data, relu);
        const got = run(sparse, n!, inF!, outF!, data, relu);
        want.forEach((w, i) => expect(bits(got[i]!), `output ${i}, zeros ${zeros}, relu ${relu}`).toEqual(bits(w)));
      }
    }
  });

  it('is close to the reference', () => {
    const [n, inF, outF] = [64, 500, 30];
    const rng = new Rng(5);
    const data = [
      sparseInput(new Float32Array(n * inF), rng, 0.7),
      sparseInput(new Float32Array(outF * inF), rng, 0),
      new Float32Array(outF),
      sparseInput(new Float32Array(n * outF), rng, 0),
    ];
    const [y, dw] = run(sparse, n, inF, outF, data, false);
    const [yRef, dwRef, dbRef] = [new Float32Array(n * outF), new Float32Array(outF * inF), new Float32Array(outF)];
    ref.linearForward(n, inF, outF, data[0]!, data[1]!, data[2]!, false, yRef);
    ref.linearParamGrads(n, inF, outF, data[3]!, data[0]!, dwRef, dbRef);
    for (let i = 0; i < y!.length; i++) expect(Math.abs(y![i]! - yRef[i]!)).toBeLessThan(1e-4);
    for (let i = 0; i < dw!.length; i++) expect(Math.abs(dw![i]! - dwRef[i]!)).toBeLessThan(1e-4);
  });

  it('takes the dense path when a weight is not finite (0·∞ is NaN there)', () => {
    const [n, inF, outF] = [4, 40, 8];
    const rng = new Rng(9);
    const w = sparseInput(new Float32Array(outF * inF), rng, 0);
    w[3] = Infinity;
    const data = [sparseInput(new Float32Array(n * inF), rng, 0.9), w, new Float32Array(outF), sparseInput(new Float32Array(n * outF), rng, 0)];
    data[0]![3] = 0;
    const [y] = run(sparse, n, inF, outF, data, false);
    expect(Number.isNaN(y![0])).toBe(true);
    expect(bits(y!)).toEqual(bits(run(dense, n, inF, outF, data, false)[0]!));
  });
});

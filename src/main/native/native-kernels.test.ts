// The native kernels (every micro-kernel this CPU runs) against the reference, the PyTorch fixtures, the
// layers' gradient checks, and a training run repeated bit for bit. Skipped, saying so, where the addon is not built.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convGeometry } from '../../engine/kernels/kernels';
import { referenceKernels as ref } from '../../engine/kernels/reference';
import { KERNEL_NAMES } from '../../engine/kernels/registry';
import { Conv2d } from '../../engine/layers/conv2d';
import { Linear } from '../../engine/layers/linear';
import { Rng } from '../../engine/random';
import { gradcheckLayer, randomTensor, testContext } from '../../engine/testing/gradcheck';
import { describeBackendGolden } from '../../engine/testing/golden/backend-golden';
import { fillUniform, maxAbsDiff } from '../../engine/testing/wasm-kernels';
import { parseRunConfig } from '../../shared/run-config';
import { trainRun } from '../worker/train-run';
import { loadNativeAddon } from './native-addon';
import { createNativeKernels } from './native-kernels';

const addon = loadNativeAddon();
const built = typeof addon !== 'string';
const isas = built ? addon.isaNames().filter(Boolean) : [];
const kernelsFor = (isa: string) => createNativeKernels(addon as Exclude<typeof addon, string>, isa);
const tolerance = (terms: number) => 1e-5 + 2e-6 * terms;
const uniform = (rng: Rng) => () => rng.uniform();

describe.skipIf(!built)(`native kernels${built ? '' : ` (skipped: ${addon})`}`, () => {
  it('runs at least the generic micro-kernel and serves every op itself', () => {
    expect(isas).toContain('generic');
    const kernels = kernelsFor(isas[0]!);
    expect(kernels.name).toBe(`native-${isas[0]}`);
    for (const op of KERNEL_NAMES) expect(kernels.providers[op]).toBe(kernels.name);
  });

  describe.each(isas)('with the %s micro-kernel', (isa) => {
    const k = kernelsFor(isa);

    it('gemm matches the reference for every transpose, beta 0 and 1, edge sizes', () => {
      const rng = new Rng(3);
      for (const [m, n, kk] of [
        [1, 1, 1],
        [7, 9, 13],
        [33, 17, 400],
        [150, 40, 5],
        [9, 1030, 3],
        [128, 10, 64],
      ] as const) {
        for (const [tA, tB] of [
          [false, false],
          [false, true],
          [true, false],
          [true, true],
        ] as const) {
          for (const beta of [0, 1] as const) {
            const [a, b, c] = [
              fillUniform(new Float32Array(m * kk), uniform(rng)),
              fillUniform(new Float32Array(kk * n), uniform(rng)),
              fillUniform(new Float32Array(m * n), uniform(rng)),
            ];
            const expected = c.slice();
            ref.gemm(tA, tB, m, n, kk, a, b, expected, beta);
            k.gemm(tA, tB, m, n, kk, a, b, c, beta);
            expect(maxAbsDiff(c, expected), `${m}×${n}×${kk} ${tA} ${tB} ${beta}`).toBeLessThan(tolerance(kk));
          }
        }
      }
    });

    it('linearForward gives the same bits in either orientation (yᵀ = w·xᵀ where that tiles better)', () => {
      const rng = new Rng(11);
      const native = addon as Exclude<typeof addon, string>;
      const id = native.isaNames().indexOf(isa);
      for (const [n, inF, outF] of [
        [128, 300, 100],
        [64, 784, 128],
        [37, 50, 10],
        [5, 9, 3],
      ] as const) {
        const [x, w, b] = [n * inF, outF * inF, outF].map((len) => fillUniform(new Float32Array(len), uniform(rng)));
        for (const relu of [false, true]) {
          const [y, direct] = [new Float32Array(n * outF), new Float32Array(n * outF)];
          k.linearForward(n, inF, outF, x!, w!, b!, relu, y);
          native.gemm(id, 0, 1, n, outF, inF, x!, inF, w!, inF, direct, outF, 0, b!, 2, relu ? 1 : 0, null);
          expect(y, `${n}×${inF}→${outF} relu ${relu}`).toEqual(direct);
        }
      }
    });

    it('linear and conv fused ops match the reference (bias gradients exactly)', () => {
      const rng = new Rng(5);
      const [n, inF, outF] = [9, 300, 37];
      const [x, w, b, dy] = [
        fillUniform(new Float32Array(n * inF), uniform(rng)),
        fillUniform(new Float32Array(outF * inF), uniform(rng)),
        fillUniform(new Float32Array(outF), uniform(rng)),
        fillUniform(new Float32Array(n * outF), uniform(rng)),
      ];
      const [y, yRef] = [new Float32Array(n * outF), new Float32Array(n * outF)];
      k.linearForward(n, inF, outF, x, w, b, true, y);
      ref.linearForward(n, inF, outF, x, w, b, true, yRef);
      expect(maxAbsDiff(y, yRef)).toBeLessThan(tolerance(inF));
      const [dw, db, dwRef, dbRef] = [new Float32Array(outF * inF), new Float32Array(outF), new Float32Array(outF * inF), new Float32Array(outF)];
      k.linearParamGrads(n, inF, outF, dy, x, dw, db);
      ref.linearParamGrads(n, inF, outF, dy, x, dwRef, dbRef);
      expect(maxAbsDiff(dw, dwRef)).toBeLessThan(tolerance(n));
      expect(Array.from(db)).toEqual(Array.from(dbRef));

      for (const [c, h, wd, f, kern, stride, pad] of [
        [1, 28, 28, 30, 5, 1, 0],
        [3, 9, 7, 4, 3, 2, 1],
        [2, 11, 10, 37, 3, 2, 0],
        [1, 20, 31, 33, 4, 1, 0],
      ] as const) {
        const g = convGeometry(c, h, wd, f, kern, stride, pad);
        const pool = { size: 2, stride: 2 };
        const [ph, pw] = [Math.floor((g.oh - 2) / 2) + 1, Math.floor((g.ow - 2) / 2) + 1];
        const [inSize, outSize, taps, pooled] = [c * h * wd, f * g.oh * g.ow, c * kern * kern, f * ph * pw];
        const imgs = 3;
        const [xc, wc, bc, dyc, dyp] = [inSize * imgs, f * taps, f, outSize * imgs, pooled * imgs].map((len) =>
          fillUniform(new Float32Array(len), uniform(rng)),
        );
        const pair = (len: number) => [new Float32Array(len), new Float32Array(len)] as const;
        const [yc, ycRef] = pair(outSize * imgs);
        k.conv2dForward(g, imgs, xc!, wc!, bc!, true, yc);
        ref.conv2dForward(g, imgs, xc!, wc!, bc!, true, ycRef);
        expect(maxAbsDiff(yc, ycRef)).toBeLessThan(tolerance(taps));
        const [[dwc, dwcRef], [dbc, dbcRef], [dxc, dxcRef]] = [pair(f * taps), pair(f), pair(inSize * imgs)];
        k.conv2dParamGrads(g, imgs, xc!, dyc!, dwc, dbc);
        ref.conv2dParamGrads(g, imgs, xc!, dyc!, dwcRef, dbcRef);
        expect(maxAbsDiff(dwc, dwcRef)).toBeLessThan(tolerance(imgs * g.oh * g.ow));
        expect(Array.from(dbc)).toEqual(Array.from(dbcRef));
        k.conv2dInputGrad(g, imgs, dyc!, wc!, dxc);
        ref.conv2dInputGrad(g, imgs, dyc!, wc!, dxcRef);
        expect(maxAbsDiff(dxc, dxcRef)).toBeLessThan(tolerance(f * taps));
        // The block: pooled output and argmax, then its gradients, against the reference composition.
        const [[yp, ypRef], argmax, argRef] = [pair(pooled * imgs), new Int32Array(pooled * imgs), new Int32Array(pooled * imgs)];
        k.conv2dReluPoolForward(g, pool, imgs, xc!, wc!, bc!, yp, argmax);
        ref.conv2dReluPoolForward(g, pool, imgs, xc!, wc!, bc!, ypRef, argRef);
        expect(maxAbsDiff(yp, ypRef)).toBeLessThan(tolerance(taps));
        expect(Array.from(argmax)).toEqual(Array.from(argRef));
        const [[dwp, dwpRef], [dbp, dbpRef]] = [pair(f * taps), pair(f)];
        k.conv2dReluPoolParamGrads(g, pool, imgs, xc!, dyp!, argmax, yp, dwp, dbp);
        ref.conv2dReluPoolParamGrads(g, pool, imgs, xc!, dyp!, argmax, yp, dwpRef, dbpRef);
        expect(maxAbsDiff(dwp, dwpRef)).toBeLessThan(tolerance(imgs * g.oh * g.ow));
        expect(Array.from(dbp)).toEqual(Array.from(dbpRef));
        // An argmax the forward would not give (another window of its plane, another plane) is routed as the reference routes it.
        const odd = argmax.slice();
        for (let i = 0; i < odd.length; i += 7) odd[i] = (odd[i]! + (i % 2 ? 2 : g.oh * g.ow)) % (f * g.oh * g.ow);
        k.conv2dReluPoolParamGrads(g, pool, imgs, xc!, dyp!, odd, yp, dwp, dbp);
        ref.conv2dReluPoolParamGrads(g, pool, imgs, xc!, dyp!, odd, yp, dwpRef, dbpRef);
        expect(maxAbsDiff(dwp, dwpRef)).toBeLessThan(tolerance(imgs * g.oh * g.ow));
        expect(Array.from(dbp)).toEqual(Array.from(dbpRef));
      }
    });

    it('pooling, ReLU and the optimizer steps equal the reference bit for bit', () => {
      const rng = new Rng(7);
      const x = new Float32Array(2 * 9 * 10).map(() => Math.floor(rng.uniform() * 5) - 2);
      const [y, arg, yRef, argRef] = [new Float32Array(2 * 20), new Int32Array(2 * 20), new Float32Array(2 * 20), new Int32Array(2 * 20)];
      k.maxPoolForward(x, 2, 9, 10, 2, 2, y, arg);
      ref.maxPoolForward(x, 2, 9, 10, 2, 2, yRef, argRef);
      expect([Array.from(y), Array.from(arg)]).toEqual([Array.from(yRef), Array.from(argRef)]);
      const dy = fillUniform(new Float32Array(40), uniform(rng));
      const [dx, dxRef] = [new Float32Array(180).fill(3), new Float32Array(180)];
      k.maxPoolReluBackward(dy, arg, y, 2, 9, 10, 2, 2, dx);
      ref.maxPoolReluBackward(dy, arg, y, 2, 9, 10, 2, 2, dxRef);
      expect(Array.from(dx)).toEqual(Array.from(dxRef));
      const [r, rRef] = [new Float32Array(180), new Float32Array(180)];
      k.reluForward(x, r);
      ref.reluForward(x, rRef);
      expect(Array.from(r)).toEqual(Array.from(rRef));
      const fill = () => fillUniform(new Float32Array(1001), uniform(rng));
      const [w, g, m, v] = [fill(), fill(), fill().fill(0), fill().fill(0)];
      const [wRef, mRef, vRef] = [w.slice(), m.slice(), v.slice()];
      const step = { beta1: 0.9, beta2: 0.999, eps: 1e-8, lr: 0.01, invSqrtC2: 31.6 };
      k.adamStep(w, g, m, v, step);
      ref.adamStep(wRef, g, mRef, vRef, step);
      expect([Array.from(w), Array.from(m), Array.from(v)]).toEqual([Array.from(wRef), Array.from(mRef), Array.from(vRef)]);
      const [mw, mv, mwRef, mvRef] = [w.slice(), g.slice(), w.slice(), g.slice()];
      k.momentumStep(mw, g, mv, 0.9, 0.05);
      ref.momentumStep(mwRef, g, mvRef, 0.9, 0.05);
      expect([Array.from(mw), Array.from(mv)]).toEqual([Array.from(mwRef), Array.from(mvRef)]);
      expect(k.sumSquares(w)).toBeCloseTo(ref.sumSquares(w), 8);
      // The steps with L2 folded in: as axpy then the step (g keeps the L2 term), bit for bit.
      const all = (...xs: Float32Array[]) => xs.map((x) => Array.from(x));
      const [fw, fg, fv, fm] = [w.slice(), g.slice(), m.slice(), v.slice()];
      const [cw, cg, cv, cm] = [w.slice(), g.slice(), m.slice(), v.slice()];
      k.momentumStepL2(fw, fg, fv, 0.9, 0.05, 2e-3);
      ref.axpy(2e-3, cw, cg);
      ref.momentumStep(cw, cg, cv, 0.9, 0.05);
      expect(all(fw, fg, fv)).toEqual(all(cw, cg, cv));
      k.adamStepL2(fw, fg, fm, fv, step, 2e-3);
      ref.axpy(2e-3, cw, cg);
      ref.adamStep(cw, cg, cm, cv, step);
      expect(all(fw, fg, fm, fv)).toEqual(all(cw, cg, cm, cv));
    });

    it('passes the layers’ gradient checks', () => {
      const linear = new Linear({ type: 'linear', units: 4 });
      linear.build([6], testContext({ kernels: k }));
      expect(gradcheckLayer(linear, randomTensor([3, 6], new Rng(1))).failures).toEqual([]);
      const conv = new Conv2d({ type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 1 });
      conv.build([2, 5, 5], testContext({ kernels: k }));
      expect(gradcheckLayer(conv, randomTensor([2, 2, 5, 5], new Rng(2))).failures).toEqual([]);
    });

    it('gatherRows copies the rows named, as the reference does, and refuses a row past the end', () => {
      const src = Float32Array.from({ length: 50 * 37 }, (_, i) => i * 0.5);
      const rows = Uint32Array.from([49, 0, 7, 7, 23]);
      const [dst, dstRef] = [new Float32Array(5 * 37), new Float32Array(5 * 37)];
      k.gatherRows(src, rows, 37, dst);
      ref.gatherRows(src, rows, 37, dstRef);
      expect(Array.from(dst)).toEqual(Array.from(dstRef));
      expect(dst[37]).toBe(0);
      expect(() => k.gatherRows(src, Uint32Array.from([50]), 37, dst)).toThrow(/gatherRows: row 50 is past the 50 rows/);
      expect(() => k.gatherRows(src, rows, 37, new Float32Array(10))).toThrow(/gatherRows: dst/);
    });

    it('rejects sizes that do not fit, naming the operand', () => {
      expect(() => k.gemm(false, false, 2, 3, 4, new Float32Array(8), new Float32Array(11), new Float32Array(6), 0)).toThrow(/gemm: B needs 12 values, got 11/);
      expect(() => k.linearForward(2, 3, 4, new Float32Array(6), new Float32Array(12), new Float32Array(3), false, new Float32Array(8))).toThrow(
        /linearForward: b needs 4/,
      );
    });
  });

  describeBackendGolden(isas.map((isa) => ({ name: `native-${isa}`, create: async () => kernelsFor(isa) })));

  it('trains the same run bit for bit twice, to a useful accuracy', async () => {
    const config = parseRunConfig({
      dataset: { name: 'folder', path: path.resolve(__dirname, '../../../resources/fixtures/mnist-tiny') },
      limitTrain: 400,
      limitTest: 100,
      model: {
        input: [1, 28, 28],
        layers: [
          { type: 'conv2d', filters: 4, kernel: 5 },
          { type: 'relu' },
          { type: 'maxpool2d', size: 2 },
          { type: 'flatten' },
          { type: 'linear', units: 10 },
        ],
      },
      optimizer: { type: 'adam' },
      lr: 0.003,
      batchSize: 32,
      epochs: 2,
      seed: 4,
    });
    const kernels = kernelsFor(isas[0]!);
    const [a, b] = [await trainRun(config, kernels), await trainRun(config, kernels)];
    expect(b.model.params().map((p) => Array.from(p.value))).toEqual(a.model.params().map((p) => Array.from(p.value)));
    expect(a.result.epochs.at(-1)!.test.accuracy).toBeGreaterThan(0.5);
  });
});

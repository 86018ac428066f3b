// Fully connected layer y = x·Wᵀ + b, with W stored [out, in] as PyTorch does (safetensors load as is).
import { EngineError, ShapeError } from '../errors';
import { initWeight } from '../init';
import type { Kernels } from '../kernels/kernels';
import type { LayerSpec } from '../models/spec';
import { expectShape, shapeToString, Tensor, type Shape } from '../tensor';
import { BatchCache } from './batch-cache';
import type { BuildContext, Layer, Param } from './layer';
import { buildParam } from './param';
import { positiveInt } from './spec-checks';

interface Buffers {
  y: Tensor;
  dx: Tensor | null;
}

export class Linear implements Layer {
  readonly type = 'linear';
  readonly units: number;
  private inFeatures = 0;
  private kernels: Kernels | null = null;
  private weight!: Param;
  private bias!: Param;
  private cache!: BatchCache<Buffers>;
  private savedX: Tensor | null = null;
  private saved: Buffers | null = null;
  private reluFused = false;

  /** `at` prefixes config errors, e.g. "layers[2]" → "layers[2].units: …". */
  constructor(spec: Extract<LayerSpec, { type: 'linear' }>, at = 'linear') {
    this.units = positiveInt(at, 'units', spec.units);
  }

  /** inputShape: [in] → [units]. */
  outputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 1) {
      throw new ShapeError(`linear: input must be [features] per sample, got ${shapeToString(inputShape)}; put a flatten layer before it`);
    }
    return [this.units];
  }

  /** Params `${prefix}.weight` [units, in] and `${prefix}.bias` [units]. */
  build(inputShape: Shape, ctx: BuildContext): Shape {
    const outShape = this.outputShape(inputShape);
    const kernels = ctx.kernels;
    const inF = inputShape[0]!;
    const out = this.units;
    this.kernels = kernels;
    this.inFeatures = inF;
    this.weight = buildParam(ctx, `${ctx.prefix}.weight`, [out, inF], 'weight', (w) => initWeight(w, [out, inF], ctx.init, ctx.rng));
    this.bias = buildParam(ctx, `${ctx.prefix}.bias`, [out], 'bias');
    const needsDx = ctx.needsInputGrad;
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, out], kernels.alloc(n * out)),
      dx: needsDx ? new Tensor([n, inF], kernels.alloc(n * inF)) : null,
    }));
    this.savedX = null;
    this.saved = null;
    return outShape;
  }

  params(): readonly Param[] {
    return this.kernels === null ? [] : [this.weight, this.bias];
  }

  /** From now on the output is ReLU(x·Wᵀ + b), the ReLU taken in the product's epilogue (see models/fuse.ts). */
  fuseReLU(): void {
    this.reluFused = true;
  }

  /** x: [N, in] → y: [N, units]. */
  forward(x: Tensor, training: boolean): Tensor {
    const k = this.built('forward');
    expectShape('linear', 'x', x.shape, [-1, this.inFeatures]);
    const n = x.shape[0]!;
    const buf = this.cache.get(n);
    k.linearForward(n, this.inFeatures, this.units, x.data, this.weight.value, this.bias.value, this.reluFused, buf.y.data);
    if (training) {
      this.savedX = x;
      this.saved = buf;
    }
    return buf.y;
  }

  /** dy: [N, units] → dx: [N, in] (null for a first layer); dW = dyᵀ·x, db = column sums of dy. */
  backward(dy: Tensor): Tensor | null {
    const k = this.built('backward');
    const x = this.savedX;
    const buf = this.saved;
    if (x === null || buf === null) throw new EngineError('linear: backward called before a training forward');
    const n = x.shape[0]!;
    const out = this.units;
    const inF = this.inFeatures;
    expectShape('linear', 'dy', dy.shape, [n, out]);
    k.linearParamGrads(n, inF, out, dy.data, x.data, this.weight.grad, this.bias.grad);
    if (buf.dx === null) return null;
    k.gemm(false, false, n, inF, out, dy.data, this.weight.value, buf.dx.data, 0);
    return buf.dx;
  }

  private built(op: string): Kernels {
    if (this.kernels === null) throw new EngineError(`linear: ${op} called before build`);
    return this.kernels;
  }
}

// One training step on one thread: forward, loss (+ L2 penalty), and unless that is not finite, backward and update.
import type { Kernels } from '../kernels/kernels';
import type { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import type { Optimizer } from '../optim/optimizer';
import { l2Penalty } from '../regularization/l2';
import type { Tensor } from '../tensor';

/**
 * x: [n, ...] with its labels → the batch's loss (data + penalty; no update when not finite) and hits.
 * `settle`, when present, must run before the weights are read or written after a step (the batch buffers
 * may be refilled before it).
 */
export type TrainStep = ((x: Tensor, labels: Uint8Array, n: number, lr: number) => { loss: number; correct: number }) & { settle?: () => void };

export function singleThreadStep(model: Sequential, loss: SoftmaxCrossEntropy, optimizer: Optimizer, l2: number, kernels: Kernels): TrainStep {
  const params = model.params();
  return (x, labels, _n, lr) => {
    const batch = loss.forwardBackward(model.forward(x, true), labels);
    const total = batch.loss + (l2 > 0 ? l2Penalty(params, l2, kernels) : 0);
    if (Number.isFinite(total)) {
      model.backward(loss.grad);
      optimizer.step(lr, l2);
    }
    return { loss: total, correct: batch.correct };
  };
}

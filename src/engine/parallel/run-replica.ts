// A helper thread's side of a data-parallel run: builds its replica from the setup, then trains its share
// of every step until replica 0 ends the run.
import type { Kernels } from '../kernels/kernels';
import { buildModel } from '../models/build';
import { createOptimizer } from '../optim';
import { Tensor, sizeOf } from '../tensor';
import { ReplicaChannel } from './channel';
import type { ReplicaSetup, SharedMemory } from './data-parallel';
import { Replica } from './replica';
import { batchShare } from './shares';

/**
 * Runs replica `setup.index` on `kernels` (over `memory`, the memory replica 0's kernels use) until the run
 * quits. Never throws: a failure is written to the channel, where replica 0 throws it.
 */
export function runReplica(setup: ReplicaSetup, kernels: Kernels, memory: SharedMemory): void {
  const channel = new ReplicaChannel(setup.channel, setup.spins);
  const floats = (offset: number, length: number) => new Float32Array(memory.buffer, offset, length);
  try {
    // One copy of the weights for all replicas: an update is written once, and no replica can drift.
    const model = buildModel(setup.spec, kernels, setup.seed, new Map(setup.values.map((v) => [v.name, floats(v.offset, v.length)])));
    const optimizer = createOptimizer(setup.optimizer, model.params(), kernels);
    const state = setup.optimizerState;
    // One optimizer state for all replicas, in the shared memory: each updates its slice of it.
    optimizer.shareState({ step: state.step, buffers: state.buffers.map((b) => ({ name: b.name, shape: [b.length], data: floats(b.offset, b.length) })) });
    const replica = new Replica(setup.index, setup.replicas, model, optimizer, setup.l2, channel, kernels);
    channel.ready();
    channel.awaitReady(setup.replicas - 1);
    replica.attach(floats);
    const sample = setup.spec.input;
    const sampleSize = sizeOf(sample);
    for (let step = 1; channel.awaitStep(step); step++) {
      const { batch, input, labels, lr } = channel.step();
      const [start, end] = batchShare(batch, setup.replicas, setup.index);
      const x = new Tensor([end - start, ...sample], floats(input + start * sampleSize * 4, (end - start) * sampleSize));
      replica.run(step, x, new Uint8Array(memory.buffer, labels + start, end - start), batch, lr);
    }
    channel.done();
  } catch (err) {
    channel.fail(`replica ${setup.index}: ${(err as Error).message ?? String(err)}`);
  }
}

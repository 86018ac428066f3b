// A stand-in training process for the host tests, misbehaving as NNWB_FAKE_WORKER says.
import type { WorkerMessage } from '../../../shared/worker-protocol';
import { connectToParent } from '../../worker/parent-port';

const link = connectToParent();
const stayAlive = () => setInterval(() => {}, 1000);

switch (process.env.NNWB_FAKE_WORKER) {
  case 'invalid':
    // A progress batch whose step is a string: the host must refuse it and never pass it on.
    void link.send({ type: 'progress', runId: 'r1', steps: [{ step: 'one' }] } as unknown as WorkerMessage);
    stayAlive();
    break;
  case 'noisy-crash':
    // Under 4 KB in all, trace included: a pipe may hold as little as one page when the parent is slow to read
    // (seen on a loaded CI), and what a crashing process cannot write then is lost.
    for (let i = 0; i < 40; i++) process.stderr.write(`noise line ${i} ${'.'.repeat(40)}\n`);
    throw new Error('boom: the fake worker crashed');
  case 'hang':
    // stderr to a pipe is synchronous on Linux: the line is in the pipe before the message leaves.
    process.stderr.write('fake worker waiting to be killed\n');
    void link.send({
      type: 'progress',
      runId: 'r1',
      steps: [{ step: 1, epoch: 0, epochProgress: 0, loss: 1, accuracy: 0, lr: 0.1, samplesPerSecond: 0, elapsedSeconds: 0 }],
    });
    stayAlive();
    break;
  case 'deaf':
    // Takes `start`, then ignores everything (cancel included) until it is killed.
    link.onMessage(() => {});
    stayAlive();
    break;
  default:
    throw new Error(`unknown NNWB_FAKE_WORKER ${process.env.NNWB_FAKE_WORKER}`);
}

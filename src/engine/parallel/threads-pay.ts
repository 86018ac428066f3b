// Whether a run's steps hold enough work for the helper threads to pay: each step costs two or three sync
// points, and a stall of either thread (a GC pause, the OS) stalls both, so a short step trains faster alone.
import { trainingFlopsPerSample } from '../models/flops';
import type { Sequential } from '../models/sequential';
import type { ReplicaThreads } from './data-parallel';

/** Multiply-adds of one training step of `batchSize` samples (forward, weight and input gradients). */
export function stepMacs(model: Sequential, batchSize: number): number {
  return (trainingFlopsPerSample(model) / 2) * batchSize;
}

/** True when a step has at least `threads.minStepMacs` multiply-adds. */
export function threadsPay(model: Sequential, batchSize: number, threads: Pick<ReplicaThreads, 'minStepMacs'>): boolean {
  return stepMacs(model, batchSize) >= (threads.minStepMacs ?? 0);
}

// A split's predictions at an epoch: each example's predicted class and confidence, as the worker measured them.
import { toBlob } from './blob';
import { rethrowMissingRun } from './errors';
import type { Db } from './open-database';

export interface Predictions {
  readonly epoch: number;
  readonly split: 'validation' | 'test';
  /** The arg-max class per example, in dataset order. */
  readonly predicted: Uint8Array;
  /** The probability of that class ×255, rounded, per example. */
  readonly confidence: Uint8Array;
}

const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class PredictionsRepo {
  private readonly putStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.putStmt = db.prepare('INSERT OR REPLACE INTO predictions (run_id, epoch, split, predicted, confidence) VALUES (?, ?, ?, ?, ?)');
    this.getStmt = db.prepare('SELECT predicted, confidence FROM predictions WHERE run_id = ? AND split = ? AND epoch = ?');
  }

  /** @throws RangeError when the two arrays differ in length. */
  put(runId: number, p: Predictions): void {
    if (p.predicted.length !== p.confidence.length) {
      throw new RangeError(`predictions at epoch ${p.epoch}: ${p.predicted.length} classes but ${p.confidence.length} confidences`);
    }
    try {
      this.putStmt.run(runId, p.epoch, p.split, toBlob(p.predicted), toBlob(p.confidence));
    } catch (err) {
      rethrowMissingRun(err, runId);
    }
  }

  get(runId: number, split: Predictions['split'], epoch: number): Predictions | undefined {
    const row = this.getStmt.get(runId, split, epoch) as { predicted: Buffer; confidence: Buffer } | undefined;
    return row && { epoch, split, predicted: bytesOf(row.predicted), confidence: bytesOf(row.confidence) };
  }
}

// Per-epoch artifacts of a run (histograms, weight snapshots, confusion matrices) and its final weights.
import { ValidationError } from '../../shared/validation';
import { float32FromBlob, toBlob, uint16FromBlob, uint32FromBlob } from './blob';
import { rethrowMissingRun } from './errors';
import { decodeFloat16, encodeFloat16 } from './float16';
import type { Db, Statement } from './open-database';

export type HistogramKind = 'values' | 'gradients';
export type SnapshotEncoding = 'f32' | 'f16';
export type Split = 'train' | 'validation' | 'test';

/** Equal-width bins over [min, max] (the engine's `histogram()` output, plus which parameter and epoch). */
export interface Histogram {
  readonly epoch: number;
  /** e.g. `layers.0.bias`. */
  readonly param: string;
  readonly kind: HistogramKind;
  readonly min: number;
  readonly max: number;
  readonly counts: Uint32Array;
  readonly dropped: number;
}
export type HistogramInput = Omit<Histogram, 'kind' | 'dropped'> & Partial<Pick<Histogram, 'kind' | 'dropped'>>;

export interface WeightSnapshot {
  /** 0-based; -1 = the initial weights. */
  readonly epoch: number;
  readonly param: string;
  readonly shape: readonly number[];
  /** Row-major; exact for `f32`, rounded to the nearest float16 for `f16`. */
  readonly values: Float32Array;
}
export interface SnapshotInfo {
  readonly epoch: number;
  readonly param: string;
  readonly shape: readonly number[];
  readonly encoding: SnapshotEncoding;
  readonly bytes: number;
}

export interface Confusion {
  readonly epoch: number;
  readonly split: Split;
  readonly classes: number;
  /** counts[true * classes + predicted]. */
  readonly counts: Uint32Array;
}

export interface EpochArtifacts {
  readonly histograms?: readonly HistogramInput[];
  readonly snapshots?: readonly WeightSnapshot[];
  readonly confusion?: readonly Confusion[];
}

function statements(db: Db) {
  return {
    putHistogram: db.prepare(`INSERT OR REPLACE INTO histograms (run_id, epoch, param, kind, min, max, dropped, counts)
                              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    histograms: db.prepare(`SELECT epoch, param, kind, min, max, dropped, counts FROM histograms
                            WHERE run_id = @runId AND (@epoch IS NULL OR epoch = @epoch) AND (@param IS NULL OR param = @param)
                              AND (@kind IS NULL OR kind = @kind)
                            ORDER BY epoch, param, kind`),
    putSnapshot: db.prepare('INSERT OR REPLACE INTO weight_snapshots (run_id, epoch, param, shape, encoding, data) VALUES (?, ?, ?, ?, ?, ?)'),
    snapshot: db.prepare('SELECT shape, encoding, data FROM weight_snapshots WHERE run_id = ? AND epoch = ? AND param = ?'),
    snapshots: db.prepare(`SELECT epoch, param, shape, encoding, length(data) AS bytes FROM weight_snapshots
                           WHERE run_id = ? ORDER BY epoch, param`),
    putConfusion: db.prepare('INSERT OR REPLACE INTO confusion (run_id, epoch, split, classes, counts) VALUES (?, ?, ?, ?, ?)'),
    // Without an epoch: the latest one.
    confusion: db.prepare(`SELECT epoch, split, classes, counts FROM confusion
                           WHERE run_id = @runId AND split = @split AND (@epoch IS NULL OR epoch = @epoch)
                           ORDER BY epoch DESC LIMIT 1`),
    putWeights: db.prepare('INSERT OR REPLACE INTO weights (run_id, format, data, created_at) VALUES (?, ?, ?, ?)'),
    weights: db.prepare('SELECT data, created_at AS createdAt FROM weights WHERE run_id = ? AND format = ?'),
  };
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export class ArtifactsRepo {
  private readonly s: ReturnType<typeof statements>;
  private readonly putEpochTx: (runId: number, a: EpochArtifacts, encoding: SnapshotEncoding) => void;

  constructor(db: Db) {
    this.s = statements(db);
    this.putEpochTx = db.transaction((runId: number, a: EpochArtifacts, encoding: SnapshotEncoding) => {
      for (const h of a.histograms ?? []) this.putHistogram(runId, h);
      for (const w of a.snapshots ?? []) this.putSnapshot(runId, w, encoding);
      for (const c of a.confusion ?? []) this.putConfusion(runId, c);
    });
  }

  /** Everything one epoch produced, in one transaction. Snapshots are stored as `encoding` (default f16). */
  putEpoch(runId: number, artifacts: EpochArtifacts, encoding: SnapshotEncoding = 'f16'): void {
    try {
      this.putEpochTx(runId, artifacts, encoding);
    } catch (err) {
      rethrowMissingRun(err, runId);
    }
  }

  putHistogram(runId: number, h: HistogramInput): void {
    this.write(runId, this.s.putHistogram, h.epoch, h.param, h.kind ?? 'values', h.min, h.max, h.dropped ?? 0, toBlob(h.counts));
  }

  histograms(runId: number, filter: { epoch?: number; param?: string; kind?: HistogramKind } = {}): Histogram[] {
    const rows = this.s.histograms.all({ runId, epoch: filter.epoch ?? null, param: filter.param ?? null, kind: filter.kind ?? null });
    return (rows as (Omit<Histogram, 'counts'> & { counts: Buffer })[]).map((r) => ({ ...r, counts: uint32FromBlob(r.counts, 'histograms.counts') }));
  }

  /** Stores a parameter's values: `f16` (default) halves the size and keeps ~3 significant digits; `f32` is exact. */
  putSnapshot(runId: number, w: WeightSnapshot, encoding: SnapshotEncoding = 'f16'): void {
    if (product(w.shape) !== w.values.length) {
      throw new ValidationError('snapshot.shape', `[${w.shape.join(', ')}] holds ${product(w.shape)} values, got ${w.values.length} (${w.param})`);
    }
    const data = encoding === 'f16' ? encodeFloat16(w.values) : w.values;
    this.write(runId, this.s.putSnapshot, w.epoch, w.param, JSON.stringify(w.shape), encoding, toBlob(data));
  }

  snapshot(runId: number, epoch: number, param: string): (WeightSnapshot & { encoding: SnapshotEncoding }) | undefined {
    const row = this.s.snapshot.get(runId, epoch, param) as { shape: string; encoding: SnapshotEncoding; data: Buffer } | undefined;
    if (!row) return undefined;
    const values =
      row.encoding === 'f16' ? decodeFloat16(uint16FromBlob(row.data, 'weight_snapshots.data')) : float32FromBlob(row.data, 'weight_snapshots.data');
    return { epoch, param, shape: JSON.parse(row.shape) as number[], values, encoding: row.encoding };
  }

  /** Which snapshots a run has, without their data. */
  snapshots(runId: number): SnapshotInfo[] {
    return (this.s.snapshots.all(runId) as (Omit<SnapshotInfo, 'shape'> & { shape: string })[]).map((r) => ({ ...r, shape: JSON.parse(r.shape) as number[] }));
  }

  putConfusion(runId: number, c: Confusion): void {
    if (c.counts.length !== c.classes * c.classes) {
      throw new ValidationError('confusion.counts', `${c.classes} classes need ${c.classes * c.classes} counts, got ${c.counts.length}`);
    }
    this.write(runId, this.s.putConfusion, c.epoch, c.split, c.classes, toBlob(c.counts));
  }

  /** The confusion matrix of `split` at `epoch`, or at the latest epoch that has one. */
  confusion(runId: number, split: Split, epoch?: number): Confusion | undefined {
    const row = this.s.confusion.get({ runId, split, epoch: epoch ?? null }) as (Omit<Confusion, 'counts'> & { counts: Buffer }) | undefined;
    return row && { ...row, counts: uint32FromBlob(row.counts, 'confusion.counts') };
  }

  /** The trained model as a file (safetensors); replaces an earlier one. */
  putWeights(runId: number, data: Uint8Array, format: 'safetensors' = 'safetensors'): void {
    this.write(runId, this.s.putWeights, format, toBlob(data), Date.now());
  }

  weights(runId: number, format: 'safetensors' = 'safetensors'): { data: Uint8Array; createdAt: number } | undefined {
    const row = this.s.weights.get(runId, format) as { data: Buffer; createdAt: number } | undefined;
    return row && { data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength), createdAt: row.createdAt };
  }

  private write(runId: number, stmt: Statement, ...params: unknown[]): void {
    try {
      stmt.run(runId, ...params);
    } catch (err) {
      rethrowMissingRun(err, runId);
    }
  }
}

// Metric time series in MLflow's shape (run, key, step, epoch, value, wall time): batched appends, downsampled reads.
import { SqliteError } from 'better-sqlite3';
import { ValidationError } from '../../shared/validation';
import { rethrowMissingRun } from './errors';
import type { Db } from './open-database';

export interface MetricPoint {
  /** e.g. `train/loss`; 1–250 characters. */
  readonly key: string;
  /** Global step (≥ 0); per-epoch metrics use the step at which the epoch ended. */
  readonly step: number;
  /** 0-based epoch the point belongs to. */
  readonly epoch: number;
  /** NaN is kept (stored as NULL, read back as NaN); ±Infinity too. */
  readonly value: number;
  /** Milliseconds since the Unix epoch; default: when the batch is appended. */
  readonly wallTime?: number;
}

/** A series column by column (what a chart wants), ordered by step. */
export interface MetricSeries {
  readonly runId: number;
  readonly key: string;
  readonly steps: number[];
  readonly epochs: number[];
  readonly values: number[];
  readonly wallTimes: number[];
  /** Points stored in the requested step range: more than `steps.length` when the series was downsampled. */
  readonly total: number;
}

export interface SeriesOptions {
  /** Downsample (min/max per bucket, first and last kept) when the range holds more points. Default: all. */
  readonly maxPoints?: number;
  /** Inclusive step range; e.g. `fromStep: last + 1` fetches what arrived since. */
  readonly fromStep?: number;
  readonly toStep?: number;
}

export interface MetricKey {
  readonly key: string;
  readonly points: number;
  readonly firstStep: number;
  readonly lastStep: number;
  readonly lastValue: number;
}

function statements(db: Db) {
  return {
    // Re-sending a point (same run, key and step) overwrites it: appends are idempotent.
    insert: db.prepare(`INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (run_id, key, step) DO UPDATE
                        SET epoch = excluded.epoch, value = excluded.value, wall_time = excluded.wall_time`),
    series: db.prepare('SELECT step, epoch, value, wall_time FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ? ORDER BY step').raw(),
    // The first and last point of a step range: two short descents of the primary key, however long the range.
    first: db.prepare('SELECT step, epoch, value, wall_time FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ? ORDER BY step LIMIT 1').raw(),
    last: db
      .prepare('SELECT step, epoch, value, wall_time FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ? ORDER BY step DESC LIMIT 1')
      .raw(),
    // Min/max decimation inside SQLite, one step range at a time: each is a short scan of the primary key,
    // and SQLite returns the other columns of the row holding the min (or max) value. The min scan also counts
    // the range's points, so the series' total needs no scan of its own.
    bucketMin: db.prepare('SELECT step, epoch, min(value), wall_time, count(*) FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ?').raw(),
    bucketMax: db.prepare('SELECT step, epoch, max(value), wall_time FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ?').raw(),
    keys: db.prepare(`SELECT key, count(*) AS points, min(step) AS firstStep, max(step) AS lastStep,
                        (SELECT value FROM metrics l WHERE l.run_id = m.run_id AND l.key = m.key ORDER BY step DESC LIMIT 1) AS lastValue
                      FROM metrics m WHERE run_id = ? GROUP BY key ORDER BY key`),
  };
}

/** A point as the statements return it: step, epoch, value (NULL for NaN), wall time. */
type Row = [number, number, number | null, number];

function columns(runId: number, key: string, rows: readonly Row[], total: number): MetricSeries {
  return {
    runId,
    key,
    steps: rows.map((r) => r[0]),
    epochs: rows.map((r) => r[1]),
    values: rows.map((r) => r[2] ?? NaN),
    wallTimes: rows.map((r) => r[3]),
    total,
  };
}

export class MetricsRepo {
  private readonly s: ReturnType<typeof statements>;
  private readonly appendBatch: (runId: number, points: readonly MetricPoint[], now: number) => void;

  constructor(private readonly db: Db) {
    const s = (this.s = statements(db));
    this.appendBatch = db.transaction((runId: number, points: readonly MetricPoint[], now: number) => {
      for (const p of points) s.insert.run(runId, p.key, p.step, p.epoch, p.value, Math.round(p.wallTime ?? now));
    });
  }

  /** Appends `points` of one run in one transaction: all or none. Returns how many were written. */
  append(runId: number, points: readonly MetricPoint[]): number {
    if (points.length === 0) return 0;
    try {
      this.appendBatch(runId, points, Date.now());
    } catch (err) {
      // Keys of 1–250 characters, integer steps >= 0, integer epochs, numeric values: the schema checks them all.
      if (err instanceof SqliteError && err.code.startsWith('SQLITE_CONSTRAINT_') && err.code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new ValidationError('metrics', `a point of the batch was refused, nothing was written: ${err.message}`);
      }
      rethrowMissingRun(err, runId);
    }
    return points.length;
  }

  /** The series `key` of a run, by step; empty when there is none. */
  series(runId: number, key: string, options: SeriesOptions = {}): MetricSeries {
    const from = options.fromStep ?? 0;
    const to = options.toStep ?? Number.MAX_SAFE_INTEGER;
    const maxPoints = options.maxPoints;
    if (maxPoints === undefined) return this.whole(runId, key, from, to);
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
    // One read transaction: a consistent snapshot, and one WAL read lock for the hundreds of range queries, not one each.
    return this.db.transaction(() => {
      const first = this.s.first.get(runId, key, from, to) as Row | undefined;
      if (!first) return columns(runId, key, [], 0);
      const last = this.s.last.get(runId, key, from, to) as Row;
      // Steps are unique per key: a step range no longer than maxPoints holds no more points than that.
      if (last[0] - first[0] < maxPoints) return this.whole(runId, key, from, to);
      const picked = this.decimated(runId, key, first, last, maxPoints);
      // Steps far apart (a metric logged every 50 steps) can span a long range with few points: then all of them.
      return picked.total > maxPoints ? picked : this.whole(runId, key, from, to);
    })();
  }

  private whole(runId: number, key: string, from: number, to: number): MetricSeries {
    const rows = this.s.series.all(runId, key, from, to) as Row[];
    return columns(runId, key, rows, rows.length);
  }

  /**
   * At most `maxPoints` points of a long series that draw like the whole: the first and last, and the minimum and
   * maximum of each of ⌊(maxPoints − 2) / 2⌋ step ranges between them (min/max decimation, as plotting tools do
   * for long traces: spikes and the global extremes survive, where averaging or LTTB may drop them).
   * NOTE: NaN (NULL) never wins a min or max; a range of NaN only keeps one of its points, as NaN.
   */
  private decimated(runId: number, key: string, first: Row, last: Row, maxPoints: number): MetricSeries {
    const buckets = Math.floor((maxPoints - 2) / 2);
    const rows: Row[] = [first];
    let total = 2;
    const span = last[0] - first[0] - 1;
    for (let b = 0; b < buckets; b++) {
      const lo = first[0] + 1 + Math.floor((b * span) / buckets);
      const hi = first[0] + Math.floor(((b + 1) * span) / buckets);
      if (hi < lo) continue;
      const [step, epoch, value, wallTime, count] = this.s.bucketMin.get(runId, key, lo, hi) as [number | null, number, number | null, number, number];
      total += count;
      if (step === null) continue; // no point in this step range
      const min: Row = [step, epoch, value, wallTime];
      const max = this.s.bucketMax.get(runId, key, lo, hi) as Row;
      if (min[0] === max[0]) rows.push(min);
      else rows.push(...(min[0] < max[0] ? [min, max] : [max, min]));
    }
    rows.push(last);
    return columns(runId, key, rows, total);
  }

  /** The keys a run has recorded, alphabetically, with their extent and latest value. */
  keys(runId: number): MetricKey[] {
    return (this.s.keys.all(runId) as (Omit<MetricKey, 'lastValue'> & { lastValue: number | null })[]).map((k) => ({
      ...k,
      lastValue: k.lastValue ?? NaN,
    }));
  }
}

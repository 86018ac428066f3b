// Runs on remote workers: where a run trains, which worker and attempt is recorded, and the feed's read position.
import { randomBytes } from 'node:crypto';
import type { Db } from './open-database';
import type { RunPlacement } from './run';

export interface RemoteAttempt {
  readonly runId: number;
  /** BullMQ's attemptsStarted of the job when this attempt began (1 for the first). */
  readonly attempt: number;
  readonly worker: string;
  /** Wall time (ms) at which this attempt's training clock read 0; null before its `ready`. */
  readonly t0: number | null;
}

function statements(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  return {
    placement: p('UPDATE runs SET placement = ? WHERE id = ?'),
    attempt: p('SELECT run_id AS runId, attempt, worker, t0 FROM remote_attempts WHERE run_id = ?'),
    claim: p(`INSERT INTO remote_attempts (run_id, attempt, worker, t0) VALUES (@runId, @attempt, @worker, NULL)
              ON CONFLICT (run_id) DO UPDATE SET attempt = excluded.attempt, worker = excluded.worker, t0 = NULL`),
    worker: p('UPDATE runs SET worker = ? WHERE id = ?'),
    t0: p('UPDATE remote_attempts SET t0 = ? WHERE run_id = ?'),
    open: p(`SELECT id FROM runs WHERE placement = 'workers' AND status IN ('queued', 'running') ORDER BY id`).pluck(),
    instance: p('SELECT instance FROM remote_identity WHERE id = 1').pluck(),
    newInstance: p('INSERT OR IGNORE INTO remote_identity (id, instance) VALUES (1, ?)'),
    cursor: p('SELECT last_id FROM remote_feed WHERE queue = ?').pluck(),
    setCursor: p(`INSERT INTO remote_feed (queue, last_id) VALUES (?, ?) ON CONFLICT (queue) DO UPDATE SET last_id = excluded.last_id`),
  };
}

export class RemoteRepo {
  private readonly s: ReturnType<typeof statements>;

  constructor(db: Db) {
    this.s = statements(db);
  }

  setPlacement(runId: number, placement: RunPlacement): void {
    this.s.placement.run(placement, runId);
  }

  attempt(runId: number): RemoteAttempt | undefined {
    return this.s.attempt.get(runId) as RemoteAttempt | undefined;
  }

  /** Attempt `attempt` of the run is now the one recorded, on `worker`. */
  claim(runId: number, attempt: number, worker: string): void {
    this.s.claim.run({ runId, attempt, worker });
    this.s.worker.run(worker, runId);
  }

  setT0(runId: number, t0: number): void {
    this.s.t0.run(t0, runId);
  }

  /** Runs placed on workers that have not ended. */
  openRuns(): number[] {
    return this.s.open.all() as number[];
  }

  /** This database's name on the queue, made on first use. */
  instance(): string {
    this.s.newInstance.run(randomBytes(8).toString('hex'));
    return this.s.instance.get() as string;
  }

  /** The last stream entry id of `queue` written here ('0' when none). */
  cursor(queue: string): string {
    return (this.s.cursor.get(queue) as string | undefined) ?? '0';
  }

  setCursor(queue: string, lastId: string): void {
    this.s.setCursor.run(queue, lastId);
  }
}

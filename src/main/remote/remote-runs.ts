// The app's side of remote training: puts runs placed on workers on the BullMQ queue, records what the workers
// stream back through the same RunRecorder as local runs (one transaction per entry, with the feed's position),
// cancels through Redis, and settles runs whose job ended without a report.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseRemoteEntry, remoteClaimSchema, remoteExitSchema, type RemoteEntry } from '../../shared/remote-protocol';
import { parseWorkerMessage, protocolError, type WorkerMessage } from '../../shared/worker-protocol';
import type { CheckpointRow, Run, Store } from '../db';
import { removeCheckpointFiles } from '../runs/checkpoint-files';
import type { RunEvents } from '../runs/run-events';
import { RunRecorder } from '../runs/run-recorder';
import { CheckpointRelay } from './checkpoint-relay';
import { EventFeed, type StreamFields } from './event-feed';
import { lostJobReason } from './lost-job';
import { queueRunJob } from './queue-run-job';
import type { RemoteHooks, RemoteRunsOptions } from './remote-runs-options';
import { CANCEL_TTL_SECONDS, jobIdOf, type QueueKeys, queueKeys } from './keys';
import { connectRedis, redactRedisUrl, redisOptions } from './redis-connection';
import { replaceAttempt } from './replace-attempt';
import { bodyText, decodeWire, decodeWireOr } from './wire-codec';

export type { RemoteHooks, RemoteRunsOptions } from './remote-runs-options';

export class RemoteRuns {
  /** The URL as it may be shown (password hidden). */
  readonly where: string;
  private readonly open = new Set<number>();
  private readonly recorders = new Map<number, RunRecorder>();
  private readonly settling = new Set<number>();
  private hooks: RemoteHooks = { announce: () => {}, ended: () => {} };
  private events: RunEvents | null = null;
  private timer: NodeJS.Timeout | null = null;
  // Set by attach(): the database recorded into, its name on the queue, and the reader of its event stream.
  private store!: Store;
  private dataDir: string | null = null;
  /** Checkpoint files a takeover cut, deleted once its transaction has committed. */
  private readonly staleFiles: string[] = [];
  private instance = '';
  private feed: EventFeed | null = null;
  private relay!: CheckpointRelay;

  private constructor(
    private readonly keys: QueueKeys,
    private readonly redis: Redis,
    private readonly reader: Redis,
    private readonly queue: Queue,
    private readonly options: RemoteRunsOptions,
  ) {
    this.where = redactRedisUrl(options.url);
  }

  /** Connects (a wrong password fails here, in one line) without reading anything yet: see `attach`. */
  static async connect(options: RemoteRunsOptions): Promise<RemoteRuns> {
    const keys = queueKeys(options.queue);
    const redis = await connectRedis(options.url, 'nnwb-app');
    const reader = await connectRedis(options.url, 'nnwb-app-feed').catch((err: unknown) => {
      redis.disconnect();
      throw err;
    });
    const queue = new Queue(keys.queue, { connection: redisOptions(options.url) });
    queue.on('error', () => {});
    return new RemoteRuns(keys, redis, reader, queue, options);
  }

  /** Starts recording into `store`: takes over the runs still open on workers (catching up on what they sent meanwhile). */
  attach(store: Store, events: RunEvents, hooks: RemoteHooks, dataDir: string | null): number[] {
    this.store = store;
    this.dataDir = dataDir;
    this.events = events;
    this.hooks = hooks;
    this.instance = store.remote.instance();
    this.relay = new CheckpointRelay(
      this.redis,
      (id) => this.keys.checkpoint(this.instance, String(id)),
      dataDir,
      (line) => this.options.log?.(line),
    );
    const log = (err: Error) => this.options.log?.(`redis: ${err.message}`);
    this.feed = new EventFeed(this.reader, this.keys.events(this.instance), store.remote.cursor(this.keys.queue), (id, f) => this.applyEntry(id, f), log);
    const ids = store.remote.openRuns();
    for (const id of ids) this.open.add(id);
    this.feed.start();
    this.timer = setInterval(() => void this.reconcile(), this.options.reconcileMs ?? 2000);
    // Those never taken by a worker may have no job yet (the app stopped before adding it).
    for (const id of ids) {
      const run = store.runs.get(id);
      if (run?.status === 'queued') this.submit(run);
    }
    return ids;
  }

  readonly has = (runId: number): boolean => this.open.has(runId);
  readonly openRuns = (): number[] => [...this.open];

  /** Puts a queued run on the queue (once: the job id is the run's). A dataset this app cannot hash fails the run. */
  submit(run: Run): void {
    this.open.add(run.id);
    void this.queueJob(run).catch((err: unknown) =>
      this.fail(run.id, `could not queue the run on ${this.where}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** A run that continues from a checkpoint (a fork from an epoch) finds it in Redis first, as a takeover does. */
  private async queueJob(run: Run): Promise<void> {
    const from = this.store.checkpoints.latest(run.id);
    if (from && !(await this.relay.put(run.id, from))) throw new Error(`its checkpoint after epoch ${from.epochsDone} could not be put in Redis`);
    await queueRunJob(this.queue, this.instance, run, this.options);
  }

  /** Cancels wherever the run is: a waiting job is removed, a training one is told to stop at its next step. */
  async cancel(runId: number): Promise<void> {
    if (!this.open.has(runId)) return;
    await this.redis.set(this.keys.cancel(this.instance, String(runId)), '1', 'EX', CANCEL_TTL_SECONDS);
    const job = await this.queue.getJob(jobIdOf(this.instance, runId));
    const state = job ? await job.getState() : 'unknown';
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'unknown') {
      // Not taken yet: it never will be (a worker that takes it meanwhile sees the flag and stops at once).
      const removed = job
        ? await job.remove().then(
            () => true,
            () => false,
          )
        : true;
      if (removed && this.store.runs.get(runId)?.status === 'queued') this.endQueued(runId);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.feed) await this.feed.close();
    else this.reader.disconnect();
    await this.queue.close().catch(() => {});
    this.redis.disconnect();
  }

  /** One stream entry, recorded with the feed position in one transaction (so an entry is never applied twice). */
  private applyEntry(id: string, fields: StreamFields): void {
    try {
      this.store.transaction(() => {
        this.store.remote.setCursor(this.keys.queue, id);
        let entry: RemoteEntry;
        try {
          entry = parseRemoteEntry(fields);
        } catch (err) {
          this.options.log?.(`skipped a malformed stream entry ${id}: ${(err as Error).message}`);
          return;
        }
        this.record(entry);
      });
    } catch (err) {
      return this.skipEntry(id, fields, err);
    }
    if (this.dataDir !== null) removeCheckpointFiles(this.dataDir, this.staleFiles.splice(0));
  }

  /**
   * An entry whose recording threw (rolled back): one bad entry must not stall the feed for every run, so its run
   * fails with the reason (once: it is then no longer open), its worker is told to stop, and the feed moves on.
   */
  private skipEntry(id: string, fields: StreamFields, err: unknown): void {
    const runId = Number(fields.run);
    const reason = `the app could not record entry ${id} (${fields.kind ?? 'no kind'}) of run ${fields.run ?? '?'} from the workers: ${err instanceof Error ? err.message : String(err)}`;
    this.options.log?.(reason);
    this.staleFiles.length = 0; // the cut that named them was rolled back: they are still the run's
    // Its recorder may hold what the rollback undid: the run is failed from what the database holds.
    this.recorders.delete(runId);
    try {
      this.store.transaction(() => {
        this.store.remote.setCursor(this.keys.queue, id);
        this.fail(runId, reason, true);
      });
    } catch (again) {
      // Not even that can be written (the disk is full): the entry is read again after a restart.
      this.options.log?.(`could not record the failure of run ${fields.run ?? '?'} either: ${(again as Error).message}`);
    }
  }

  private record(entry: RemoteEntry): void {
    const runId = Number(entry.run);
    if (!this.open.has(runId)) return;
    const current = this.store.remote.attempt(runId);
    if (current && entry.attempt < current.attempt) return; // a superseded attempt (its worker was taken for dead)
    if (entry.kind === 'refused') return this.fail(runId, bodyText(entry.body, 'reason'));
    if (!current || entry.attempt > current.attempt) {
      if (entry.kind !== 'claimed') return;
      return this.claim(runId, entry);
    }
    const recorder = this.recorderFor(runId);
    if (!recorder) return;
    if (entry.kind === 'message') {
      let msg: WorkerMessage;
      try {
        msg = parseWorkerMessage(decodeWire(entry.body));
      } catch (err) {
        msg = { type: 'failed', runId: entry.run, error: protocolError(err) };
      }
      recorder.handle(msg);
      if (msg.type === 'ready') this.store.remote.setT0(runId, Math.round(recorder.trainingClock));
      if (msg.type === 'checkpoint') void this.relay.put(runId, this.store.checkpoints.get(runId, msg.epochsDone), msg.data);
    } else if (entry.kind === 'exited') {
      const exit = remoteExitSchema.safeParse(decodeWire(entry.body));
      recorder.exited(
        exit.success ? exit.data : { code: null, signal: null, stderrTail: 'an unreadable exit report', cancelRequested: false, killedAfterCancel: false },
      );
    }
    if (recorder.finished) this.end(runId);
  }

  /** A worker took the run (again): it continues from the checkpoint it names, or replaces what was recorded. */
  private claim(runId: number, entry: RemoteEntry): void {
    const claimed = remoteClaimSchema.safeParse(decodeWireOr(entry.body, {}));
    const { outcome, staleFiles } = replaceAttempt(this.store, runId, claimed.success ? claimed.data.resumedFrom : null);
    this.staleFiles.push(...staleFiles);
    this.store.remote.claim(runId, entry.attempt, entry.worker);
    // The worker that named it trains on until told: it is stopped as a user's cancel stops it.
    if ('refused' in outcome) return this.fail(runId, outcome.refused, true);
    // Redis now holds what a next takeover may resume from: the last checkpoint kept after the cut.
    void this.relay.put(runId, this.store.checkpoints.latest(runId));
    let run = this.store.runs.get(runId)!;
    if (run.status === 'queued') run = this.store.runs.setStatus(runId, 'running');
    this.recorders.set(runId, this.newRecorder(run, outcome.resumedFrom));
    this.hooks.announce(this.store.runs.get(runId)!, true);
  }

  /** The run's recorder; after an app restart, a new one on the attempt's clock. */
  private recorderFor(runId: number): RunRecorder | undefined {
    let recorder = this.recorders.get(runId);
    if (recorder) return recorder;
    const run = this.store.runs.get(runId);
    const attempt = this.store.remote.attempt(runId);
    if (!run || run.status !== 'running' || !attempt) return undefined;
    // Before its `ready`, a resumed attempt's clock still starts from its checkpoint's.
    recorder = this.newRecorder(run, attempt.t0 === null ? this.store.checkpoints.latest(runId) : undefined);
    if (attempt.t0 !== null) recorder.resume({ t0: attempt.t0, lastStep: run.stepsDone, stepsTotal: run.stepsTotal });
    this.recorders.set(runId, recorder);
    return recorder;
  }

  private newRecorder(run: Run, resumedFrom?: CheckpointRow): RunRecorder {
    // Nothing to abort: a remote process that sends what cannot be recorded is cancelled instead.
    const hooks = { announce: this.hooks.announce, abort: () => void this.cancel(run.id) };
    return new RunRecorder(this.store, this.events!, run, hooks, { dataDir: this.dataDir, resumedFrom });
  }

  /** Fails a run the workers could not train, whether or not one ever took it; `stopWorker`: one may still train it. */
  private fail(runId: number, reason: string, stopWorker = false): void {
    if (!this.open.has(runId)) return;
    const recorder = this.recorderFor(runId);
    if (recorder) {
      recorder.handle({ type: 'failed', runId: String(runId), error: { name: 'RemoteWorkerError', message: reason } });
    } else if (this.store.runs.get(runId)) {
      // No worker ever took it: queued → running → failed, the only way the lifecycle allows.
      if (this.store.runs.get(runId)!.status === 'queued') this.store.runs.setStatus(runId, 'running');
      this.hooks.announce(this.store.runs.setStatus(runId, 'failed', { error: `RemoteWorkerError: ${reason}` }), true);
    }
    this.end(runId, stopWorker);
  }

  private endQueued(runId: number): void {
    const run = this.store.runs.setStatus(runId, 'cancelled', { stopReason: 'cancelled' });
    this.hooks.announce(run, true);
    this.end(runId);
  }

  private end(runId: number, stopWorker = false): void {
    if (!this.open.delete(runId)) return;
    this.recorders.delete(runId);
    const [cancel, checkpoint] = [this.keys.cancel(this.instance, String(runId)), this.keys.checkpoint(this.instance, String(runId))];
    // The cancel flag stays set for a worker that may still train the run: it stops as at a user's cancel.
    const cleared = stopWorker ? this.redis.multi().del(checkpoint).set(cancel, '1', 'EX', CANCEL_TTL_SECONDS).exec() : this.redis.del(cancel, checkpoint);
    void cleared.catch(() => {});
    this.hooks.ended(runId);
  }

  /** Runs whose job finished or failed but whose report never came (a refused dataset, a job lost): settled here. */
  private async reconcile(): Promise<void> {
    for (const runId of [...this.open]) {
      if (this.settling.has(runId)) continue;
      this.settling.add(runId);
      try {
        const why = await lostJobReason(this.queue, jobIdOf(this.instance, runId), this.store.runs.get(runId)?.status);
        if (why === null) continue;
        // Whatever the worker sent before its job ended is in the stream: record it first.
        await this.feed!.reached(await this.feed!.newestId());
        if (!this.open.has(runId)) continue;
        this.store.transaction(() => this.fail(runId, why));
      } catch (err) {
        this.options.log?.(`redis: ${(err as Error).message}`);
      } finally {
        this.settling.delete(runId);
      }
    }
  }
}

// One run job on a remote worker: check the job (schema, dataset hash), train it in a local training process —
// the same entry as a local run — and append everything the process reports to the queue's event stream.
import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseRemoteJob, type RemoteEntryKind, type RemoteExit, type RemoteJob } from '../../shared/remote-protocol';
import type { KernelPreference, MainMessageInput } from '../../shared/worker-protocol';
import { datasetIdentity } from '../datasets/hash';
import { type DatasetDirs, resolveDatasetRef } from '../datasets/locate';
import { fetchCheckpoint } from '../remote/checkpoint-relay';
import { parseJobId, type QueueKeys } from '../remote/keys';
import { encodeWire } from '../remote/wire-codec';
import type { ProcessHost } from '../runs/process-host';

export interface JobContext {
  readonly redis: Redis;
  readonly keys: QueueKeys;
  /** This worker's name, shown in the app's runs table. */
  readonly worker: string;
  readonly host: ProcessHost;
  readonly entry: string;
  readonly datasetDirs: DatasetDirs;
  readonly kernels: KernelPreference;
  readonly threads: number;
  /** How often the cancel flag is checked (ms). */
  readonly cancelPollMs: number;
  readonly cancelGraceMs: number;
  readonly log: (line: string) => void;
}

export async function runRemoteJob(job: Job, ctx: JobContext): Promise<string> {
  const attempt = Math.max(1, job.attemptsStarted);
  // The job id names the app's stream, so even a job whose data is unusable can be answered.
  const owner = parseJobId(job.id);
  if (!owner) throw new UnrecoverableError(`worker ${ctx.worker} refused job ${job.id}: not a workbench run job`);
  const post = (run: string, kind: RemoteEntryKind, body: unknown) =>
    ctx.redis.xadd(ctx.keys.events(owner.instance), '*', 'run', run, 'attempt', String(attempt), 'worker', ctx.worker, 'kind', kind, 'body', encodeWire(body));

  let spec: RemoteJob;
  try {
    spec = parseRemoteJob(job.data);
  } catch (err) {
    // The same schema runs everywhere: no other worker would take it either.
    const reason = `worker ${ctx.worker} refused job ${job.id}: ${(err as Error).message}`;
    await post(owner.runId, 'refused', { reason });
    ctx.log(reason);
    throw new UnrecoverableError(reason);
  }
  const run = spec.runId;
  if (run !== owner.runId || spec.instance !== owner.instance)
    throw new UnrecoverableError(`worker ${ctx.worker} refused job ${job.id}: its data names run ${run} of ${spec.instance}`);
  await checkDataset(spec, ctx);
  // A run taken over continues from the last checkpoint the app recorded (the first attempt finds none).
  const from = await fetchCheckpoint(ctx.redis, ctx.keys.checkpoint(owner.instance, run));
  await post(run, 'claimed', { resumedFrom: from.meta });
  const resume = from.meta && { checkpoint: from.data, source: `the checkpoint of run ${run} after epoch ${from.meta.epochsDone} (from Redis)` };
  ctx.log(`run ${run}: training (attempt ${attempt}, ${from.meta ? `from epoch ${from.meta.epochsDone}` : `from the start: ${from.why}`})`);
  const exit = await train(spec, ctx, (msg) => void post(run, 'message', msg).catch(() => {}), resume ?? undefined);
  await post(run, 'exited', exit);
  ctx.log(`run ${run}: ${exit.cancelRequested ? 'cancelled' : exit.code === 0 ? 'done' : `ended (code ${exit.code}, signal ${exit.signal})`}`);
  return exit.cancelRequested ? 'cancelled' : 'done';
}

/** Refuses (for this worker: another may hold the data, so the job is retried) a dataset it cannot match. */
async function checkDataset(spec: RemoteJob, ctx: JobContext): Promise<void> {
  const ref = spec.config.dataset;
  const name = ref.name === 'folder' ? `folder ${ref.path}` : ref.name;
  let hash: string;
  let dir: string;
  try {
    ({ hash, dir } = await datasetIdentity(ref, ctx.datasetDirs));
  } catch (err) {
    throw new Error(`worker ${ctx.worker} has no copy of dataset ${name} with sha256 ${spec.datasetHash}: ${(err as Error).message}`);
  }
  if (hash !== spec.datasetHash) {
    throw new Error(`worker ${ctx.worker} has no copy of dataset ${name} with sha256 ${spec.datasetHash}: its copy at ${dir} has sha256 ${hash}`);
  }
}

/** Trains in a training process, forwarding its messages; cancels it when the app sets the run's cancel flag. */
function train(spec: RemoteJob, ctx: JobContext, forward: (msg: unknown) => void, resume?: { checkpoint: Uint8Array; source: string }): Promise<RemoteExit> {
  const proc = ctx.host.spawn(ctx.entry);
  let cancelRequested = false;
  let killedAfterCancel = false;
  const timers: NodeJS.Timeout[] = [];
  const cancel = () => {
    if (cancelRequested) return;
    cancelRequested = true;
    proc.send({ type: 'cancel' });
    timers.push(
      setTimeout(() => {
        killedAfterCancel = true;
        proc.kill();
      }, ctx.cancelGraceMs),
    );
  };
  const cancelKey = ctx.keys.cancel(spec.instance, spec.runId);
  const poll = setInterval(() => {
    ctx.redis.exists(cancelKey).then(
      (n) => n > 0 && cancel(),
      () => {},
    );
  }, ctx.cancelPollMs);
  proc.onMessage(forward);
  const ended = new Promise<RemoteExit>((resolve) =>
    proc.onExit((code, signal, stderrTail) => {
      clearInterval(poll);
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, stderrTail: stderrTail.slice(-20_000), cancelRequested, killedAfterCancel });
    }),
  );
  const base = ctx.datasetDirs.folderBase;
  const config = base === undefined ? spec.config : { ...spec.config, dataset: resolveDatasetRef(spec.config.dataset, base) };
  const start: MainMessageInput = {
    type: 'start',
    runId: spec.runId,
    config,
    kernels: ctx.kernels,
    threads: ctx.threads,
    inspectEvery: spec.inspectEvery,
    progressIntervalMs: spec.progressIntervalMs,
    ...(resume && { resume }),
  };
  proc.send(start);
  // Cancelled while it waited in the queue: it stops at its first step.
  ctx.redis.exists(cancelKey).then(
    (n) => n > 0 && cancel(),
    () => {},
  );
  return ended;
}

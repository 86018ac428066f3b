// The messages between the app and remote training workers through Redis: the job a worker takes (a run's
// validated config, never code) and the entries it appends to the queue's event stream, with their schemas.
import { z } from 'zod';
import { runConfigSchema } from './run-config';
import { parseWith } from './validation';

/** What the app puts on the queue for one run; a worker checks it with the same run-config schema as the app. */
export const remoteJobSchema = z.strictObject({
  /** The app database the run belongs to: its event stream and cancel flags are named after it. */
  instance: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
  runId: z.string().regex(/^[1-9][0-9]{0,15}$/, 'expected a run id'),
  config: runConfigSchema,
  /** sha256 of the dataset as the app has it: a worker trains only on a copy with the same hash. */
  datasetHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  inspectEvery: z.number().int().min(1).max(1000).optional(),
  progressIntervalMs: z.number().int().min(10).max(60_000).optional(),
});

/** How the training process on the worker ended (the fields of the recorder's ProcessEnd that cross Redis). */
export const remoteExitSchema = z.strictObject({
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  stderrTail: z.string().max(20_000),
  cancelRequested: z.boolean(),
  killedAfterCancel: z.boolean(),
});

/** The kinds of stream entries: a worker took the job, a training-process message, the process ended, a refusal. */
export const remoteEntryKindSchema = z.enum(['claimed', 'message', 'exited', 'refused']);

/** The plain fields of a stream entry; `body` (a WorkerMessage, an exit, a refusal's reason) is decoded separately. */
export const remoteEntrySchema = z.strictObject({
  run: z.string().regex(/^[1-9][0-9]{0,15}$/),
  attempt: z.coerce.number().int().min(1),
  worker: z.string().min(1).max(100),
  kind: remoteEntryKindSchema,
  body: z.string(),
});

/**
 * The last end-of-epoch checkpoint the app recorded for a run, as it lies in Redis beside its bytes: what a worker
 * taking the run over resumes from, and what it names back in its `claimed` entry.
 */
export const remoteCheckpointSchema = z.strictObject({
  /** 1-based: the checkpoint after the first epoch has 1. */
  epochsDone: z.number().int().min(1).max(100_000),
  step: z.number().int().min(0),
  score: z.number().nullable(),
  elapsedSeconds: z.number().min(0),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
});

/** The body of a `claimed` entry: the checkpoint the attempt continues from, or null when it starts afresh. */
export const remoteClaimSchema = z.strictObject({ resumedFrom: remoteCheckpointSchema.nullable().default(null) });

/** Worker names: what the runs table shows, so printable and short. */
export const workerNameSchema = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - (1 to 100)');

export type RemoteJob = z.output<typeof remoteJobSchema>;
export type RemoteJobInput = z.input<typeof remoteJobSchema>;
export type RemoteExit = z.output<typeof remoteExitSchema>;
export type RemoteEntry = z.output<typeof remoteEntrySchema>;
export type RemoteEntryKind = z.output<typeof remoteEntryKindSchema>;
export type RemoteCheckpoint = z.output<typeof remoteCheckpointSchema>;
export type RemoteClaim = z.output<typeof remoteClaimSchema>;

/** Checks a job taken from the queue; throws ValidationError naming the field ("job.config.lr: …"). */
export function parseRemoteJob(input: unknown): RemoteJob {
  return parseWith(remoteJobSchema, input, 'job');
}

export function parseRemoteEntry(input: unknown): RemoteEntry {
  return parseWith(remoteEntrySchema, input, 'entry');
}

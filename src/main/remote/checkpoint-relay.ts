// The last checkpoint the app recorded for a remote run, kept in Redis (its metadata and bytes, ~1 MB) so that a
// worker taking the run over resumes from it. Only the app writes it, after the checkpoint is stored in its data
// folder; a worker reads it and checks its size and sha256 before training on it.
import type { Redis } from 'ioredis';
import { type RemoteCheckpoint, remoteCheckpointSchema } from '../../shared/remote-protocol';
import type { CheckpointRow } from '../db';
import { readCheckpointFile, sha256 } from '../runs/checkpoint-files';
import { CANCEL_TTL_SECONDS } from './keys';

/** Replaces the run's checkpoint in Redis (one MULTI: a reader never sees new metadata with old bytes). */
export async function publishCheckpoint(redis: Redis, key: string, row: RemoteCheckpoint, data: Uint8Array): Promise<void> {
  const { epochsDone, step, score, elapsedSeconds, bytes: size, sha256: hash } = row;
  const meta: RemoteCheckpoint = { epochsDone, step, score, elapsedSeconds, bytes: size, sha256: hash };
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await redis.multi().del(key).hset(key, 'meta', JSON.stringify(meta), 'data', bytes).expire(key, CANCEL_TTL_SECONDS).exec();
}

export type FetchedCheckpoint = { readonly meta: RemoteCheckpoint; readonly data: Uint8Array } | { readonly meta: null; readonly why: string };

/** The run's checkpoint as the app left it, checked; `meta: null` and why, when there is none or it does not check. */
export async function fetchCheckpoint(redis: Redis, key: string): Promise<FetchedCheckpoint> {
  const [metaText, data] = await redis.hmgetBuffer(key, 'meta', 'data');
  if (!metaText || !data) return { meta: null, why: 'the app has recorded no checkpoint of it' };
  let meta: RemoteCheckpoint;
  try {
    meta = remoteCheckpointSchema.parse(JSON.parse(metaText.toString('utf8')));
  } catch (err) {
    return { meta: null, why: `its checkpoint in Redis has unreadable metadata (${(err as Error).message.split('\n')[0]})` };
  }
  if (data.length !== meta.bytes || sha256(data) !== meta.sha256) {
    return {
      meta: null,
      why: `its checkpoint after epoch ${meta.epochsDone} in Redis is corrupt: ${data.length} bytes (sha256 ${sha256(data).slice(0, 12)}…), the app stored ${meta.bytes} (sha256 ${meta.sha256.slice(0, 12)}…)`,
    };
  }
  return { meta, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** The app's side: keeps in Redis the last checkpoint it stored of each open remote run (or none). */
export class CheckpointRelay {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (runId: number) => string,
    private readonly dataDir: string | null,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Puts checkpoint `row` in Redis (its bytes `data`, else read from its file); without a row, or when its file is
   * missing or corrupt, clears the key. Resolves true when a checkpoint was put.
   */
  async put(runId: number, row: CheckpointRow | undefined, data?: Uint8Array): Promise<boolean> {
    const bytes = row && (data ?? this.read(row));
    const key = this.keyOf(runId);
    try {
      if (row && bytes && this.dataDir !== null) {
        await publishCheckpoint(this.redis, key, row, bytes);
        return true;
      }
      await this.redis.del(key);
    } catch (err) {
      this.log(`redis: could not store the checkpoint of run ${runId}: ${(err as Error).message}`);
    }
    return false;
  }

  /** A stored checkpoint's bytes, checked; undefined (none to offer) when its file is missing or corrupt. */
  private read(row: CheckpointRow): Uint8Array | undefined {
    try {
      return this.dataDir === null ? undefined : readCheckpointFile(this.dataDir, row);
    } catch (err) {
      this.log((err as Error).message);
      return undefined;
    }
  }
}

// The reproductions an earlier app left in the data folder: each report folder's reproduction.json, read back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPRODUCTION_SCALES, REPRODUCTION_STATUSES, type ReproductionSummary } from '../../shared/api-reproduction-types';
import { datasetRefSchema } from '../../shared/run-config';
import { RECORD_FILE } from './reproduction-record';
import { timeOfName } from './session-name';

/** Where the app writes its reproductions' report folders. */
export const reportsDir = (dataDir: string) => path.join(dataDir, 'reports');

const recordSchema = z.object({
  id: z.string(),
  scale: z.enum(REPRODUCTION_SCALES),
  dataset: datasetRefSchema,
  status: z.enum(REPRODUCTION_STATUSES),
  tag: z.string(),
  folder: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  experiments: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      title: z.string(),
      status: z.enum(['waiting', 'queued', 'finished', 'skipped']),
      runIds: z.array(z.number()),
      runsStopped: z.number(),
      skipped: z.string().nullable(),
    }),
  ),
  error: z.string().nullable(),
  files: z.array(z.string()),
  log: z.array(z.string()),
}) satisfies z.ZodType<ReproductionSummary>;

/**
 * Every reproduction recorded under `reportsDir(dataDir)`, newest first. One still marked running or writing
 * was cut short by the app stopping: it is reported interrupted. An unreadable record is reported failed, naming its file.
 */
export function storedRecords(dataDir: string): ReproductionSummary[] {
  let names: string[];
  try {
    names = readdirSync(reportsDir(dataDir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return []; // No reproduction yet.
  }
  const records: ReproductionSummary[] = [];
  for (const name of names) {
    const folder = path.join(reportsDir(dataDir), name);
    const file = path.join(folder, RECORD_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // Some other folder (a copy the user made, say), not a reproduction.
    }
    records.push(parseRecord(text, file, name, folder));
  }
  return records.sort((a, b) => b.id.localeCompare(a.id));
}

function parseRecord(text: string, file: string, id: string, folder: string): ReproductionSummary {
  try {
    // The folder is where we found it: the data folder may have been moved since it was written.
    const r = { ...recordSchema.parse(JSON.parse(text)), id, folder };
    if (r.status !== 'running' && r.status !== 'writing') return r;
    return { ...r, status: 'interrupted', error: 'the app stopped before this reproduction finished; the runs that finished are kept in the runs table' };
  } catch (err) {
    const reason = err instanceof SyntaxError ? err.message : 'fields are missing or of the wrong type';
    return {
      id,
      scale: 'full',
      dataset: { name: 'mnist' },
      status: 'failed',
      tag: '',
      folder,
      startedAt: timeOfName(id),
      finishedAt: null,
      experiments: [],
      error: `${file} cannot be read: ${reason}`,
      files: [],
      log: [],
    };
  }
}


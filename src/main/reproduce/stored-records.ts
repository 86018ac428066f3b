// The reproductions an earlier app left in the data folder: each report folder's reproduction.json, read back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPRODUCTION_SCALES, REPRODUCTION_STATUSES, type ReproductionHeadlineRow, type ReproductionSummary } from '../../shared/api-reproduction-types';
import { datasetRefSchema } from '../../shared/run-config';
import { comparisonTablesIn } from './comparison-tables';
import { parseCsv } from './csv';
import { RECORD_FILE } from './reproduction-record';
import { timeOfName } from './session-name';

/** The headline's table in a report folder. */
const SUMMARY_TABLE = 'tables/summary.csv';

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
  // Records written before the headline was kept have none: it is read from their summary table then.
  headline: z
    .array(z.object({ quantity: z.string(), ours: z.number().nullable(), report: z.number().nullable() }))
    .nullable()
    .optional(),
}) satisfies z.ZodType<Omit<ReproductionSummary, 'headline' | 'gridTables'> & { headline?: ReproductionSummary['headline'] }>;

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
    const parsed = recordSchema.parse(JSON.parse(text));
    const headline = parsed.headline === undefined ? headlineFromTable(folder, parsed.files) : parsed.headline;
    const r = { ...parsed, id, folder, headline, gridTables: comparisonTablesIn(folder, parsed.files) };
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
      headline: null,
      gridTables: null,
    };
  }
}

/** The headline of a report written before its record kept it, from its tables/summary.csv (quantity, ours, report). */
function headlineFromTable(folder: string, files: readonly string[]): ReproductionHeadlineRow[] | null {
  if (!files.includes(SUMMARY_TABLE)) return null;
  try {
    const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
    return parseCsv(readFileSync(path.join(folder, SUMMARY_TABLE), 'utf8'))
      .slice(1)
      .map(([quantity = '', ours, report]) => ({ quantity, ours: num(ours), report: num(report) }));
  } catch {
    return null;
  }
}

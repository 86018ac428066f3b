// Benchmark (not a test): loading the compare page's curves for many long runs — one getRunsMetrics call (the page
// now) against one getMetrics call per run (the page before), on the service through the dispatcher as a front door
// calls it, and over HTTP as in web mode. The runs are seeded straight into a temporary data folder (no training).
// Run: node --import tsx scripts/bench/compare-load.ts [--runs 50] [--points 100000] [--repeats 3] [--json]
// `benchCompareLoad` is for `npm run bench -- --compare`. Numbers are from one run on a shared machine: compare the ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseFile, openStore } from '../../src/main/db';
import { seedLongRuns } from '../../src/main/db/testing/long-runs';
import { startWebServer } from '../../src/main/web/server';
import { createWorkbench } from '../../src/main/workbench/create-workbench';
import { createApiClient } from '../../src/shared/api-client';
import type { ApiClient } from '../../src/shared/api-contract';
import { createDispatcher } from '../../src/shared/api-dispatch';
import { METRIC_KEYS } from '../../src/shared/api-inspect-types';
import { createHttpTransport, type HttpResponseLike } from '../../src/shared/http-transport';

/** What the compare page asks for: its two default charts, 800 points per series. */
const CHARTED = [METRIC_KEYS.testAccuracy, METRIC_KEYS.loss];
const POINTS_PER_SERIES = 800;

/** Seconds to read every run's series one way (the fastest of the repeats). */
export interface CompareLoadSide {
  readonly perRunAllKeys: number;
  readonly perRun: number;
  readonly batched: number;
  /** perRun / batched: above 1 means the batched call is faster. */
  readonly ratio: number;
}

export interface CompareLoadBench {
  readonly runs: number;
  readonly points: number;
  readonly seedSeconds: number;
  /** Points the batched call returned (all runs, the charted keys). */
  readonly pointsReturned: number;
  readonly service: CompareLoadSide;
  readonly http: CompareLoadSide;
}

export async function benchCompareLoad(
  options: { runs?: number; points?: number; repeats?: number; log?: (line: string) => void } = {},
): Promise<CompareLoadBench> {
  const { runs = 50, points = 100_000, repeats = 3, log = () => {} } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'nnw-bench-compare-'));
  try {
    log(`compare load: seeding ${runs} runs × ${points} steps × 2 step keys…`);
    const t0 = performance.now();
    const store = openStore(databaseFile(dir));
    const ids = seedLongRuns(store, { runs, points });
    store.close();
    const seedSeconds = (performance.now() - t0) / 1000;

    const wb = createWorkbench({ dataDir: dir, mode: 'web', readOnly: true });
    const server = await startWebServer({ api: wb });
    try {
      const dispatch = createDispatcher(wb);
      // As a front door does: validate, call, and encode the answer for the wire.
      const inProcess = async (call: string, input: unknown) => JSON.stringify(await dispatch(call, input)).length;
      const http = createApiClient(
        createHttpTransport({ baseUrl: server.origin, token: server.token, fetch: (url, init) => fetch(url, init) as Promise<HttpResponseLike> }),
      );
      const ways = {
        perRunAllKeys: [perRunInProcess(inProcess, ids, Object.values(METRIC_KEYS)), perRunHttp(http, ids, Object.values(METRIC_KEYS))],
        perRun: [perRunInProcess(inProcess, ids, CHARTED), perRunHttp(http, ids, CHARTED)],
        batched: [
          () => inProcess('getRunsMetrics', { runIds: ids, keys: CHARTED, maxPoints: POINTS_PER_SERIES }),
          () => http.getRunsMetrics({ runIds: ids, keys: CHARTED, maxPoints: POINTS_PER_SERIES }),
        ],
      } satisfies Record<keyof Omit<CompareLoadSide, 'ratio'>, (() => Promise<unknown>)[]>;
      const answer = await http.getRunsMetrics({ runIds: ids, keys: CHARTED, maxPoints: POINTS_PER_SERIES }); // untimed warm-up
      const pointsReturned = answer.runs.reduce((n, r) => n + r.series.reduce((m, s) => m + s.steps.length, 0), 0);
      const times = { service: new Map<string, number[]>(), http: new Map<string, number[]>() };
      const names = Object.keys(ways) as (keyof typeof ways)[];
      for (let i = 0; i < repeats; i++) {
        log(`compare load: round ${i + 1} of ${repeats}…`);
        // Each round starts with another way, so a slow spell on a shared machine does not always hit the same one.
        for (let j = 0; j < names.length; j++) {
          const name = names[(i + j) % names.length]!;
          for (const [door, run] of [
            ['service', ways[name][0]!],
            ['http', ways[name][1]!],
          ] as const) {
            const start = performance.now();
            await run();
            times[door].set(name, [...(times[door].get(name) ?? []), (performance.now() - start) / 1000]);
          }
        }
      }
      const side = (m: Map<string, number[]>): CompareLoadSide => {
        const best = (name: string) => Math.min(...m.get(name)!);
        return { perRunAllKeys: best('perRunAllKeys'), perRun: best('perRun'), batched: best('batched'), ratio: best('perRun') / best('batched') };
      };
      return { runs, points, seedSeconds, pointsReturned, service: side(times.service), http: side(times.http) };
    } finally {
      await server.close();
      await wb.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Encode = (call: string, input: unknown) => Promise<number>;

function perRunInProcess(call: Encode, ids: readonly number[], keys: readonly string[]) {
  return async () => {
    for (const runId of ids) await call('getMetrics', { runId, keys, maxPoints: POINTS_PER_SERIES });
  };
}

/** All at once, as the page did (Promise.all over the runs): the server answers them one by one anyway. */
function perRunHttp(api: ApiClient, ids: readonly number[], keys: readonly string[]) {
  return () => Promise.all(ids.map((runId) => api.getMetrics({ runId, keys: [...keys], maxPoints: POINTS_PER_SERIES })));
}

export function formatCompareLoad(b: CompareLoadBench): string[] {
  const f = (s: number) => `${s.toFixed(2)} s`;
  const row = (door: string, s: CompareLoadSide) =>
    `  ${door.padEnd(8)} ${f(s.perRunAllKeys).padStart(8)}   ${f(s.perRun).padStart(8)}   ${f(s.batched).padStart(8)}   ${s.ratio.toFixed(2)}`;
  return [
    `compare load: ${b.runs} runs × ${b.points} steps (seeded in ${f(b.seedSeconds)}), ${POINTS_PER_SERIES} points per series, ${b.pointsReturned} points returned; best of the repeats`,
    '           per run,    per run,   one call   ratio (per run / one call,',
    '           10 keys     2 keys     2 keys     higher: the batched call is faster)',
    row('service', b.service),
    row('http', b.http),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, points: { type: 'string' }, repeats: { type: 'string' }, json: { type: 'boolean' } } });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  void benchCompareLoad({
    runs: num(values.runs),
    points: num(values.points),
    repeats: num(values.repeats),
    log: (l) => values.json || process.stderr.write(`${l}\n`),
  }).then((b) => process.stdout.write(values.json ? `${JSON.stringify(b)}\n` : `${formatCompareLoad(b).join('\n')}\n`));
}

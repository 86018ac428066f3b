// Reading several runs' series in one call, on a real SQLite file of long finished runs (seeded, not trained).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api-dispatch';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import { databaseFile, openStore } from '../db';
import { seedLongRuns } from '../db/testing/long-runs';
import { createWorkbench, type Workbench } from './create-workbench';
import { tempDataDir } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;
let ids: number[];
const KEYS = [METRIC_KEYS.loss, METRIC_KEYS.testAccuracy, METRIC_KEYS.valAccuracy];

beforeAll(() => {
  temp = tempDataDir();
  const store = openStore(databaseFile(temp.dir));
  ids = seedLongRuns(store, { runs: 3, points: 5000 });
  store.close();
  // Read-only: nothing trains here, so no run manager.
  wb = createWorkbench({ dataDir: temp.dir, mode: 'web', readOnly: true });
});

afterAll(async () => {
  await wb?.close();
  temp?.remove();
});

describe('getRunsMetrics', () => {
  it('answers each run as getMetrics does, in the order asked', async () => {
    const order = [ids[2]!, ids[0]!, ids[1]!];
    const batch = await wb.getRunsMetrics({ runIds: order, keys: KEYS, maxPoints: 300 });
    expect(batch.missingRunIds).toEqual([]);
    expect(batch.runs.map((r) => r.runId)).toEqual(order);
    for (const { runId, series } of batch.runs) {
      expect(series).toEqual(await wb.getMetrics({ runId, keys: KEYS, maxPoints: 300 }));
      const [loss, testAccuracy, valAccuracy] = series;
      expect(loss).toMatchObject({ key: METRIC_KEYS.loss, totalPoints: 5000 });
      expect(loss!.steps.length).toBeLessThanOrEqual(300);
      expect([loss!.steps[0], loss!.steps.at(-1)]).toEqual([1, 5000]);
      // One point per epoch (1000 steps), at its last step.
      expect(testAccuracy).toMatchObject({ key: METRIC_KEYS.testAccuracy, steps: [1000, 2000, 3000, 4000, 5000], epochs: [0, 1, 2, 3, 4] });
      // A key the run never logged: an empty series, not an error.
      expect(valAccuracy).toMatchObject({ key: METRIC_KEYS.valAccuracy, steps: [], totalPoints: 0 });
    }
  });

  it('lists runs that do not exist instead of failing the others', async () => {
    const batch = await wb.getRunsMetrics({ runIds: [ids[0]!, 999, ids[1]!], keys: [METRIC_KEYS.loss], maxPoints: 10 });
    expect(batch.runs.map((r) => r.runId)).toEqual([ids[0], ids[1]]);
    expect(batch.missingRunIds).toEqual([999]);
  });

  it('lets other work run between runs instead of holding the event loop for the whole read', async () => {
    let ranBetween = false;
    const reading = wb.getRunsMetrics({ runIds: ids, keys: KEYS, maxPoints: 300 });
    setImmediate(() => (ranBetween = true));
    await reading;
    expect(ranBetween).toBe(true);
  });

  it('refuses a repeated run, too many runs, and an answer too large, naming the field', async () => {
    const dispatch = createDispatcher(wb);
    const refused = async (input: unknown) => {
      const result = await dispatch('getRunsMetrics', input);
      return result.ok ? null : result.error;
    };
    expect(await refused({ runIds: [ids[0], ids[0]], keys: KEYS })).toMatchObject({ name: 'ValidationError', field: 'runIds' });
    expect(await refused({ runIds: Array.from({ length: 101 }, (_, i) => i + 1), keys: KEYS })).toMatchObject({ field: 'runIds' });
    expect(await refused({ runIds: Array.from({ length: 100 }, (_, i) => i + 1), keys: KEYS, maxPoints: 100_000 })).toMatchObject({ field: 'maxPoints' });
    expect(await refused({ runIds: ids, keys: KEYS, sinceStep: 3 })).toMatchObject({ field: 'sinceStep' });
  });
});

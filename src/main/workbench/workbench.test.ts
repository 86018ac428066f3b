// The service end to end: real SQLite files, real training processes on the MNIST fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../shared/api-contract';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { RunDetail } from '../../shared/api-types';
import { decodeBase64 } from '../../shared/base64';
import { parseRunConfig } from '../../shared/run-config';
import { createWorkbench, type Workbench } from './create-workbench';
import { nextEvent, tempDataDir, tinyRun } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;
let run: RunDetail;
const events: WorkbenchEvent[] = [];

beforeAll(async () => {
  temp = tempDataDir();
  wb = createWorkbench({ dataDir: temp.dir, mode: 'cli', concurrency: 2, progressIntervalMs: 20 });
  wb.subscribe((e) => events.push(e));
  const started = await wb.startRun(parseRunConfig(tinyRun({ name: 'tiny' })));
  expect(started.status === 'queued' || started.status === 'running').toBe(true);
  await wb.manager!.waitFor(started.id);
  run = await wb.getRun({ id: started.id });
}, 60_000);

afterAll(async () => {
  await wb?.close();
  temp?.remove();
});

describe('a run from start to finish', () => {
  it('completes with its epochs, scores and weights recorded', () => {
    expect(run.status).toBe('completed');
    expect(run.name).toBe('tiny');
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(run.epochsDone).toBe(2);
    expect(run.stepsDone).toBe(20);
    expect(run.stepsTotal).toBe(20);
    expect(run.final?.testAccuracy).toBeGreaterThan(0.3);
    expect(run.best?.epoch).toBeGreaterThanOrEqual(0);
    expect(run.paramCount).toBe(784 * 16 + 16 + 16 * 10 + 10);
    expect(run.hasWeights).toBe(true);
    expect(run.snapshotEpochs).toEqual([0, 1]);
    expect(run.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stopReason).toBe('completed');
    expect(run.normalisation).toEqual({ mean: 0, std: 1 });
    expect(run.final!.trainPassAccuracy).toBeGreaterThan(0.3);
  });

  it('pushed updates, progress and epochs as API events', () => {
    const mine = events.filter((e) => ('runId' in e.payload ? e.payload.runId : 'id' in e.payload ? e.payload.id : null) === run.id);
    const statuses = mine.filter((e) => e.event === 'runUpdated').map((e) => (e.payload as { status: string }).status);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('completed');
    expect(mine.filter((e) => e.event === 'runEpoch')).toHaveLength(2);
    const progress = mine.filter((e) => e.event === 'runProgress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.payload).toMatchObject({ stepsTotal: 20 });
  });

  it('lists it, and reads its metrics downsampled', async () => {
    const listed = await wb.listRuns({ limit: 10, offset: 0 });
    expect(listed.map((r) => r.id)).toContain(run.id);
    const keys = await wb.listMetricKeys({ runId: run.id });
    expect(keys).toEqual(expect.arrayContaining([METRIC_KEYS.loss, METRIC_KEYS.testAccuracy]));
    const [loss, testAcc] = await wb.getMetrics({ runId: run.id, keys: [METRIC_KEYS.loss, METRIC_KEYS.testAccuracy], maxPoints: 5 });
    expect(loss!.totalPoints).toBe(20);
    // At most 5: the ends, and the min and max of the one step range between them.
    expect(loss!.steps).toHaveLength(4);
    expect(loss!.steps[0]).toBe(1);
    expect(loss!.steps.at(-1)).toBe(20);
    expect(testAcc!.values).toEqual(run.epochs.map((e) => e.testAccuracy));
    const [since] = await wb.getMetrics({ runId: run.id, keys: [METRIC_KEYS.loss], maxPoints: 100, sinceStep: 15 });
    expect(since!.steps).toEqual([16, 17, 18, 19, 20]);
  });

  it('shows histograms, weight pictures, the weight matrix and the confusion matrix', async () => {
    const h = await wb.getHistograms({ runId: run.id });
    expect(h.epoch).toBe(1);
    expect(h.epochs).toEqual([0, 1]);
    expect(h.params.map((p) => p.param)).toEqual(['layers.1.weight', 'layers.1.bias', 'layers.3.weight', 'layers.3.bias']);
    expect(h.params[0]!.shape).toEqual([16, 784]);
    expect(h.params[0]!.counts.reduce((a, b) => a + b, 0)).toBe(16 * 784);
    expect(h.params[0]!.stats.std).toBeGreaterThan(0);

    // One param through the epochs: a histogram per epoch, each of all its values.
    const history = await wb.getHistogramHistory({ runId: run.id, param: 'layers.1.weight' });
    expect(history).toMatchObject({ param: 'layers.1.weight', role: 'weight', shape: [16, 784] });
    expect(history.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    for (const e of history.epochs) expect(e.counts.reduce((a, b) => a + b, 0)).toBe(16 * 784);
    expect(history.epochs[1]!.counts).toEqual(h.params[0]!.counts);
    await expect(wb.getHistogramHistory({ runId: run.id, param: 'layers.9.bias' })).rejects.toMatchObject({ name: 'NotFoundError' });

    const images = await wb.getWeightImages({ runId: run.id, epoch: 0, normalize: 'per-image', maxImages: 4 });
    expect(images.grids[0]).toMatchObject({ param: 'layers.1.weight', kind: 'linear', count: 4, height: 28, width: 28 });
    expect(decodeBase64(images.grids[0]!.pixels)).toHaveLength(4 * 28 * 28);

    const m = await wb.getWeightMatrix({ runId: run.id, param: 'layers.1.weight', maxCells: 1000 });
    expect(m.shape).toEqual([16, 784]);
    expect(m.rows * m.cols).toBeLessThanOrEqual(1000);
    expect(m.values).toHaveLength(m.rows * m.cols);
    await expect(wb.getWeightMatrix({ runId: run.id, param: 'layers.9.weight', maxCells: 10 })).rejects.toMatchObject({ name: 'NotFoundError' });

    const c = await wb.getConfusion({ runId: run.id, split: 'test' });
    expect(c.counts.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(c.accuracy).toBeCloseTo(run.final!.testAccuracy, 10);
    expect(c.classNames).toHaveLength(10);
    await expect(wb.getConfusion({ runId: run.id, split: 'validation' })).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('predicts with the stored weights, and finds the test images of a confusion cell', async () => {
    const p = await wb.predict({ runId: run.id, width: 28, height: 28, pixels: new Array<number>(784).fill(0.2) });
    expect(p.probabilities).toHaveLength(10);
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.predicted).toBe(p.probabilities.indexOf(Math.max(...p.probabilities)));
    const c = await wb.getConfusion({ runId: run.id, split: 'test' });
    // The stored weights reproduce the last epoch's confusion matrix exactly.
    for (const [t, p2] of [
      [0, 0],
      [4, 9],
      [7, 7],
    ] as const) {
      const mis = await wb.getMisclassified({ runId: run.id, trueClass: t, predictedClass: p2, limit: 3 });
      expect(mis.total).toBe(c.counts[t]![p2]);
      expect(mis.samples.length).toBe(Math.min(3, mis.total));
      for (const s of mis.samples) expect(decodeBase64(s.pixels)).toHaveLength(28 * 28);
    }
  });

  it("finds a confusion cell's test images at an earlier epoch: that epoch's, as many as its matrix counts", async () => {
    const [first, last] = [await wb.getConfusion({ runId: run.id, split: 'test', epoch: 0 }), await wb.getConfusion({ runId: run.id, split: 'test' })];
    // The two epochs disagree somewhere, or this would prove nothing.
    expect(first.counts).not.toEqual(last.counts);
    for (let t = 0; t < 10; t++) {
      for (let p = 0; p < 10; p++) {
        const mis = await wb.getMisclassified({ runId: run.id, epoch: 0, trueClass: t, predictedClass: p, limit: 1 });
        expect({ t, p, total: mis.total, epoch: mis.epoch }).toEqual({ t, p, total: first.counts[t]![p], epoch: 0 });
      }
    }
    const final = await wb.getMisclassified({ runId: run.id, trueClass: 4, predictedClass: 9, limit: 1 });
    expect(final.epoch).toBeNull();
  });

  it('falls back to the final weights, and says so, for an epoch whose predictions were not kept', async () => {
    const other = await wb.startRun(parseRunConfig(tinyRun({ name: 'recorded before schema 4' })));
    await wb.manager!.waitFor(other.id);
    wb.store.db.prepare('DELETE FROM predictions WHERE run_id = ?').run(other.id);
    const c = await wb.getConfusion({ runId: other.id, split: 'test' });
    const mis = await wb.getMisclassified({ runId: other.id, epoch: 0, trueClass: 7, predictedClass: 7, limit: 1 });
    expect(mis).toMatchObject({ epoch: null, total: c.counts[7]![7] });
  });

  it('exports the run files', async () => {
    const config = await wb.exportRun({ runId: run.id, format: 'config-json' });
    expect(JSON.parse(config.data)).toEqual(run.config);
    const weights = await wb.exportRun({ runId: run.id, format: 'weights-safetensors' });
    expect(weights.encoding).toBe('base64');
    expect(decodeBase64(weights.data)).toEqual(wb.store.artifacts.weights(run.id)!.data);
    const epochs = (await wb.exportRun({ runId: run.id, format: 'epochs-csv' })).data.trim().split('\n');
    expect(epochs).toHaveLength(3);
    expect(epochs[0]).toContain('train_loss,train_accuracy,train_pass_loss,train_pass_accuracy,');
    expect(epochs[2]!.split(',')[0]).toBe('2');
    const metrics = (await wb.exportRun({ runId: run.id, format: 'metrics-csv' })).data.trim().split('\n');
    const stored = wb.store.metrics.keys(run.id).reduce((n, k) => n + k.points, 0);
    expect(metrics).toHaveLength(stored + 1);
    expect(metrics[0]).toBe('key,step,epoch,value,wall_time_ms');
    const md = await wb.exportRun({ runId: run.id, format: 'summary-markdown' });
    expect(md.data).toContain('# tiny');
    expect(md.data).toContain('| input scaling | (x/255 − 0) / 1 (none) |');
    expect(md.data).toContain('| train acc. (batches) | train acc. (full pass) |');
  });

  it('exports tables and figures', async () => {
    const csv = await wb.exportTable({ runIds: [run.id], format: 'csv', columns: ['id', 'lr', 'final.testAccuracy'] });
    expect(csv.data).toBe(`id,lr,final.testAccuracy\n${run.id},0.05,${run.final!.testAccuracy}\n`);
    const tex = await wb.exportTable({ runIds: [run.id], format: 'latex' });
    expect(tex.data).toContain('\\toprule');
    const svg = await wb.exportFigure({ runIds: [run.id], figure: 'loss', format: 'svg', width: 640, height: 400, theme: 'light' });
    expect(svg.data).toMatch(/^<svg[^>]*width="640"/);
    expect(svg.data).toContain('Loss');
    const png = await wb.exportFigure({ runIds: [run.id], figure: 'loss', format: 'png', width: 640, height: 400, theme: 'light' });
    expect(png.fileName).toBe(`run-${run.id}-tiny-loss.png`);
    const bytes = Buffer.from(png.data, 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 2x zoom: the IHDR chunk holds width and height as big-endian u32 at bytes 16 and 20.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 800]);
    for (const figure of ['accuracy', 'lr', 'confusion', 'histograms', 'first-layer-weights'] as const) {
      const f = await wb.exportFigure({ runIds: [run.id], figure, format: 'svg', width: 640, height: 400, theme: 'dark' });
      expect(f).toMatchObject({ fileName: `run-${run.id}-tiny-${figure}.svg`, mimeType: 'image/svg+xml' });
      expect(f.data.startsWith('<svg')).toBe(true);
    }
    await expect(wb.exportFigure({ runIds: [run.id], figure: 'conv-kernels', format: 'svg', width: 640, height: 400, theme: 'light' })).rejects.toMatchObject({
      name: 'ConflictError',
    });
    await expect(
      wb.exportFigure({ runIds: [run.id, run.id], figure: 'confusion', format: 'svg', width: 640, height: 400, theme: 'light' }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'runIds' });
  });
});

describe("the course report's setup as options", () => {
  it('standardizes, draws N(0, 0.01²), decays per epoch, and predicts from its weights as it trained', async () => {
    const config = tinyRun({
      normalize: 'standardize',
      model: { ...tinyRun().model, init: { type: 'normal', std: 0.01 } },
      schedule: { type: 'inverse_time', decay: 0.5, per: 'epoch' },
    });
    const started = await wb.startRun(parseRunConfig(config));
    await wb.manager!.waitFor(started.id);
    const r = await wb.getRun({ id: started.id });
    expect(r.status).toBe('completed');
    // Measured on the fixture's training images: MNIST's pixels average ~0.13 with std ~0.31.
    expect(r.normalisation!.mean).toBeGreaterThan(0.1);
    expect(r.normalisation!.mean).toBeLessThan(0.16);
    expect(r.normalisation!.std).toBeGreaterThan(0.27);
    expect(r.normalisation!.std).toBeLessThan(0.34);
    expect(r.epochs.map((e) => e.lr)).toEqual([0.05, 0.05 / 1.5]);
    expect(r.epochs.every((e) => e.trainPassAccuracy !== null && e.trainPassAccuracy >= 0 && e.trainPassAccuracy <= 1)).toBe(true);
    // Only test images scaled by the run's own statistics reproduce its last confusion matrix exactly.
    const c = await wb.getConfusion({ runId: r.id, split: 'test' });
    for (let t = 0; t < 10; t++) expect((await wb.getMisclassified({ runId: r.id, trueClass: t, predictedClass: t, limit: 1 })).total).toBe(c.counts[t]![t]);
  });
});

describe('derived runs, edits and deletion', () => {
  it('a re-run trains to the same numbers; a fork changes what it overrides', async () => {
    const rerun = await wb.rerunRun({ id: run.id });
    const fork = await wb.forkRun({ id: run.id, overrides: { lr: 0.01 } });
    expect(rerun.parentId).toBe(run.id);
    expect(fork.config.lr).toBe(0.01);
    expect(fork.config.l2).toBe(run.config.l2);
    await Promise.all([wb.manager!.waitFor(rerun.id), wb.manager!.waitFor(fork.id)]);
    const again = await wb.getRun({ id: rerun.id });
    expect(again.epochs.map((e) => e.testLoss)).toEqual(run.epochs.map((e) => e.testLoss));
    expect((await wb.getRun({ id: fork.id })).final!.trainLoss).not.toBe(run.final!.trainLoss);
  });

  it('renames, tags and annotates with an event each', async () => {
    const seen = nextEvent(wb, (e) => e.event === 'runUpdated' && e.payload.id === run.id && e.payload.tags.includes('best'));
    await wb.renameRun({ id: run.id, name: 'renamed' });
    await wb.tagRun({ id: run.id, tag: 'best' });
    await seen;
    const noted = await wb.setRunNotes({ id: run.id, notes: 'good run' });
    expect(noted).toMatchObject({ name: 'renamed', tags: ['best'], notes: 'good run' });
    expect((await wb.untagRun({ id: run.id, tag: 'best' })).tags).toEqual([]);
    expect(await wb.listRuns({ text: 'renamed', limit: 10, offset: 0 })).toHaveLength(1);
  });

  it('cancelling a finished run changes nothing; a missing run is NotFoundError', async () => {
    expect((await wb.cancelRun({ id: run.id })).status).toBe('completed');
    await expect(wb.getRun({ id: 999 })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(wb.predict({ runId: 999, width: 28, height: 28, pixels: [0] })).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('cancels a running run, keeping what it recorded', async () => {
    const long = await wb.startRun(parseRunConfig(tinyRun({ epochs: 200, limitTrain: 1000, batchSize: 8 })));
    await nextEvent(wb, (e) => e.event === 'runEpoch' && e.payload.runId === long.id);
    const cancelled = await wb.cancelRun({ id: long.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.epochsDone).toBeGreaterThanOrEqual(1);
    expect((await wb.getRun({ id: long.id })).hasWeights).toBe(true);
  });

  it('deletes a run with everything it recorded', async () => {
    const deleted = nextEvent(wb, (e) => e.event === 'runDeleted' && e.payload.id === run.id);
    await wb.deleteRun({ id: run.id });
    await deleted;
    await expect(wb.getRun({ id: run.id })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(wb.store.metrics.keys(run.id)).toEqual([]);
    expect(wb.store.artifacts.histograms(run.id)).toEqual([]);
    expect(wb.store.artifacts.snapshots(run.id)).toEqual([]);
    expect(wb.store.artifacts.weights(run.id)).toBeUndefined();
    expect(wb.store.artifacts.confusion(run.id, 'test')).toBeUndefined();
    await expect(wb.predict({ runId: run.id, width: 28, height: 28, pixels: [0] })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

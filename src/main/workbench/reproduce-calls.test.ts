// The reproduction as the app runs it: started through the contract on the MNIST fixture, followed by its events,
// its report files read back; one at a time; cancelled; cut short by closing the app; a damaged record named.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Call, createCaller } from '../../shared/api-dispatch';
import type { ReproductionSummary } from '../../shared/api-reproduction-types';
import type { WorkbenchEvent } from '../../shared/api-contract';
import { createWorkbench, type Workbench } from './create-workbench';
import { tempDataDir, TINY } from './testing/fixtures';

const dataset = { name: 'folder', path: TINY } as const;
let temp: ReturnType<typeof tempDataDir> | undefined;
let wb: Workbench | undefined;

function open(): { wb: Workbench; call: Call; temp: NonNullable<typeof temp> } {
  temp ??= tempDataDir('nnwb-repro-app-');
  wb = createWorkbench({ dataDir: temp.dir, mode: 'web', concurrency: 2 });
  return { wb, call: createCaller(wb), temp };
}

/** Resolves with the reproduction's summary once `done` accepts one of its events. */
function until(source: Workbench, done: (s: ReproductionSummary) => boolean, timeoutMs = 400_000): Promise<ReproductionSummary> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the reproduction did not get there in time')), timeoutMs);
    const off = source.subscribe((e: WorkbenchEvent) => {
      if (e.event !== 'reproductionUpdated' || !done(e.payload)) return;
      clearTimeout(timer);
      off();
      resolve(e.payload);
    });
  });
}

afterEach(async () => {
  await wb?.close({ keepQueued: false });
  wb = undefined;
  temp?.remove();
  temp = undefined;
});

describe('the reproduction in the app', () => {
  it('runs every experiment through the queue, reports progress, and serves its report folder', async () => {
    const { wb, call } = open();
    const seen: ReproductionSummary[] = [];
    wb.subscribe((e) => e.event === 'reproductionUpdated' && seen.push(e.payload));
    const finished = until(wb, (s) => s.status === 'completed' || s.status === 'failed');
    const started = await call('startReproduction', { scale: 'quick', dataset });
    expect(started).toMatchObject({ scale: 'quick', status: 'running', tag: `reproduce@${started.id}`, files: [] });
    expect(started.folder).toBe(path.join(wb.dataDir, 'reports', started.id));
    expect(started.experiments.map((e) => e.number)).toEqual([1, 2, 2, 3, 3, 4, 5, 6, 7, 8]);
    await expect(call('startReproduction', { scale: 'quick', dataset })).rejects.toThrow(/still running/);

    const done = await finished;
    expect(done.error).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.experiments.every((e) => e.status === 'finished' && e.runsStopped === e.runIds.length && e.runIds.length > 0)).toBe(true);
    // Progress came as it happened: queued before finished, the report written last.
    expect(seen.some((s) => s.experiments.some((e) => e.status === 'queued'))).toBe(true);
    expect(seen.some((s) => s.status === 'writing')).toBe(true);
    expect(done.log.at(-1)).toMatch(/writing the report/);
    const runs = await call('listRuns', { tags: [done.tag] });
    expect(runs).toHaveLength(done.experiments.reduce((n, e) => n + e.runIds.length, 0));

    expect(await call('listReproductions')).toEqual([done]);
    // Its headline numbers come with it, beside the report's (no table file to parse on the other side).
    expect(done.headline!.map((r) => r.quantity)).toHaveLength(10);
    const bestMlp = done.headline!.find((r) => r.quantity === 'best MLP: test accuracy');
    expect(bestMlp).toMatchObject({ report: 0.9746 });
    expect(bestMlp!.ours).toBeGreaterThan(0.5);
    // Its grid tables too, in three columns, read from the report folder by the service.
    expect(done.gridTables!.map((t) => t.id)).toEqual(['grid-stage1', 'grid-stage2']);
    expect(done.gridTables![0]!.rows.some((r) => r.report !== null && r.reportSetup !== null && r.modern !== null)).toBe(true);
    // A record written before the headline was kept: read back from its summary table.
    const recordFile = path.join(done.folder, 'reproduction.json');
    const { headline, ...older } = JSON.parse(readFileSync(recordFile, 'utf8')) as ReproductionSummary;
    writeFileSync(recordFile, JSON.stringify(older));
    expect((await call('listReproductions'))[0]!.headline).toEqual(headline);
    expect(done.files).toEqual(
      expect.arrayContaining(['report.md', 'report.html', 'figures/cnn-kernels.svg', 'figures/cnn-kernels.png', 'tables/grid-stage1.tex']),
    );
    const md = await call('getReportFile', { id: done.id, file: 'report.md' });
    expect(md).toMatchObject({ encoding: 'utf8', mimeType: 'text/markdown', fileName: `${done.id}-report.md` });
    expect(md.data).toContain('## 7. CNN');
    const png = await call('getReportFile', { id: done.id, file: 'figures/cnn-loss.png' });
    expect(png).toMatchObject({ encoding: 'base64', mimeType: 'image/png' });
    expect(Buffer.from(png.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    // Only the files it wrote: its own record is in the folder but not served.
    await expect(call('getReportFile', { id: done.id, file: 'reproduction.md' })).rejects.toThrow(/has no file "reproduction.md"/);
    await expect(call('getReportFile', { id: '2020-01-01T00-00-00', file: 'report.md' })).rejects.toThrow(/reproduction 2020-01-01T00-00-00 not found/);
  }, 480_000);

  it('cancels: its runs stop and the report is written from what finished', async () => {
    const { call } = open();
    const started = await call('startReproduction', { scale: 'quick', dataset });
    const after = await call('cancelReproduction', { id: started.id });
    expect(['running', 'writing', 'cancelled']).toContain(after.status);
    const ended = await new Promise<ReproductionSummary>((resolve) => {
      const poll = setInterval(() => {
        void call('listReproductions').then(([r]) => {
          if (r && r.status !== 'running' && r.status !== 'writing') {
            clearInterval(poll);
            resolve(r);
          }
        });
      }, 100);
    });
    expect(ended.status).toBe('cancelled');
    expect(ended.files).toContain('report.md');
    const runs = await call('listRuns', { tags: [ended.tag] });
    expect(runs.every((r) => r.status === 'cancelled' || r.status === 'completed')).toBe(true);
    expect(runs.some((r) => r.status === 'cancelled')).toBe(true);
  }, 120_000);

  it('is reported interrupted after the app closed during it, and its report can be written from the runs it finished', async () => {
    const first = open();
    const oneDone = until(first.wb, (s) => s.experiments.some((e) => e.status === 'finished'));
    const started = await first.call('startReproduction', { scale: 'quick', dataset });
    await oneDone;
    // Closed as the app closes: queued runs kept for the next start, unless they belong to the reproduction.
    await first.wb.close({ keepQueued: true });
    const { call } = open();
    const [listed] = await call('listReproductions');
    expect(listed).toMatchObject({ id: started.id, status: 'interrupted', files: [] });
    expect(listed!.error).toMatch(/closed before this reproduction finished/);
    // Its queued runs were cancelled with it: nothing of it trains at the next start.
    const runs = await call('listRuns', { tags: [started.tag] });
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter((r) => r.status === 'queued' || r.status === 'running')).toEqual([]);

    // Its report, from what finished, into its own folder: nothing trains.
    const finished = until(wb!, (s) => s.id === started.id && (s.status === 'completed' || s.status === 'failed'));
    const writing = await call('writeReproductionReport', { id: started.id });
    expect(writing).toMatchObject({ id: started.id, folder: started.folder, status: 'running' });
    const written = await finished;
    expect(written.error).toBeNull();
    expect(written.files).toContain('report.md');
    expect((await call('getReportFile', { id: started.id, file: 'report.md' })).data).toContain('written from its stored runs');
    await expect(call('writeReproductionReport', { id: started.id })).rejects.toThrow(/has its report already/);
    expect(await call('listRuns', { tags: [started.tag] })).toHaveLength(runs.length);

    // A new one may start: the interrupted one holds nothing.
    const next = await call('startReproduction', { scale: 'quick', dataset });
    expect(next.id).not.toBe(started.id);
    await call('cancelReproduction', { id: next.id });
  }, 120_000);

  it('names a damaged record instead of hiding it, and lists folders without one as nothing', async () => {
    const { call, temp } = open();
    const folder = path.join(temp.dir, 'reports', '2025-03-01T14-05-09');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'reproduction.json'), '{"id": "2025-03-');
    mkdirSync(path.join(temp.dir, 'reports', 'my notes'), { recursive: true });
    const listed = await call('listReproductions');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: '2025-03-01T14-05-09', status: 'failed', startedAt: Date.parse('2025-03-01T14:05:09Z') });
    expect(listed[0]!.error).toContain(path.join(folder, 'reproduction.json'));
    await expect(call('cancelReproduction', { id: '2025-03-01T14-05-09' })).resolves.toMatchObject({ status: 'failed' });
  });
});

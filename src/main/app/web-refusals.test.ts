// Issue 14's hostile requests against real web mode (HTTP, a real workbench on a temp data folder): each is refused
// with a 4xx JSON error naming the field, writes nothing (no row, no process, no file) and leaves the server serving.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/api-types';
import { watchWrites, type WriteWatch } from '../db/testing/write-watch';
import { LOCK_FILE_NAME } from '../runs/data-dir-lock';
import { bootId, processStartTime } from '../runs/process-identity';
import { spyHost } from '../runs/testing/manager-fixtures';
import { tempDataDir, TINY, tinyRun } from '../workbench/testing/fixtures';
import { startWebApp, type WebApp } from './web-app';

let temp: ReturnType<typeof tempDataDir>;
let app: WebApp;
let watch: WriteWatch;
const host = spyHost();
let trained: RunSummary;

beforeAll(async () => {
  temp = tempDataDir('nnwb-refusals-');
  // A dataset inside the data folder, named by a relative path: it must be found there, not in the working folder.
  cpSync(TINY, path.join(temp.dir, 'idx'), { recursive: true });
  app = await startWebApp({ dataDir: temp.dir, concurrency: 1, port: 0, processHost: host });
  trained = (await (await post('startRun', tinyRun({ name: 'kept', epochs: 1, dataset: { name: 'folder', path: 'idx' } }))).json()) as RunSummary;
  await app.workbench.manager!.waitFor(trained.id);
  watch = watchWrites(temp.dir);
}, 60_000);

afterAll(async () => {
  watch?.close();
  await app?.close();
  temp?.remove();
});

function post(call: string, body: unknown): Promise<Response> {
  return fetch(`${app.server.origin}/api/${call}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.server.token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Sends the call; expects a refusal with `status`, the error `name` and `field`; checks nothing was written or started. */
async function refused(call: string, body: unknown, expected: { status?: number; name?: string; field: string; message?: RegExp }): Promise<string> {
  const before = watch.state();
  const spawned = host.spawned.length;
  const res = await post(call, body);
  const error = (await res.json()) as { name: string; message: string; field?: string };
  expect(res.status, `${call} → ${JSON.stringify(error)}`).toBe(expected.status ?? 400);
  expect(error).toMatchObject({ name: expected.name ?? 'ValidationError', field: expected.field, message: expect.any(String) });
  if (expected.message) expect(error.message).toMatch(expected.message);
  expect(watch.state(), `${call} wrote something`).toEqual(before);
  expect(host.spawned.length, `${call} started a process`).toBe(spawned);
  expect(app.workbench.manager!.queuedRuns()).toEqual([]);
  expect((await post('getAppInfo', {})).status, 'the server stopped answering').toBe(200);
  return error.message;
}

describe('1. column ids named after Object properties', () => {
  it('are unknown columns, never Object.prototype members', async () => {
    const ids = [
      'constructor',
      '__proto__',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'final.constructor',
      'best.toString',
      'final.__proto__',
      'config.constructor',
      'optimizer.constructor',
    ];
    for (const id of ids) {
      await refused(
        'exportTable',
        { runIds: [trained.id], format: 'csv', columns: ['name', id] },
        { field: 'columns.1', message: /unknown (column|score)|reserved name/ },
      );
    }
    const res = await post('exportTable', { runIds: [trained.id], format: 'csv', columns: ['name', 'final.testAccuracy', 'lr'] });
    expect(res.status).toBe(200);
    const csv = ((await res.json()) as { data: string }).data;
    expect(csv.split('\n')[0]).toBe('name,final.testAccuracy,lr');
    expect(csv).not.toContain('native code');
  });

  it('a grid parameter named after one is refused too', async () => {
    await refused(
      'startGrid',
      { base: tinyRun(), parameters: { toString: { values: [1] } } },
      { field: 'parameters.toString.values.0', message: /unknown field/ },
    );
    await refused(
      'startGrid',
      { base: tinyRun(), parameters: { constructor: { values: [1] } } },
      { field: 'parameters.constructor', message: /reserved name/ },
    );
  });
});

describe('2. deeply nested JSON', () => {
  it('is a 400 naming the parameter, not a stack overflow', async () => {
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    const body = `{"base":${JSON.stringify(tinyRun())},"parameters":{"lr":{"values":${deep(20_000)}}}}`;
    expect(body.length).toBeGreaterThan(40_000);
    await refused('startGrid', body, { field: 'parameters.lr.values', message: /nested more than 32 levels deep/ });
    await refused('setRunNotes', `{"id":${trained.id},"notes":${deep(50)}}`, { field: 'notes', message: /nested more than/ });
    // Deep but within the bound: the schema answers, as for any wrong value.
    await refused('setRunNotes', `{"id":${trained.id},"notes":${deep(20)}}`, { field: 'notes', message: /expected string/ });
  });
});

describe('3. one name rule for every door', () => {
  const evil = 'evil\u001b[31m\u0000\n';
  it('refuses control characters in every name and tag', async () => {
    await refused('startRun', tinyRun({ name: evil }), { field: 'name', message: /control characters/ });
    await refused('renameRun', { id: trained.id, name: evil }, { field: 'name', message: /control characters/ });
    await refused('startGrid', { name: evil, base: tinyRun(), parameters: { lr: { values: [0.1] } } }, { field: 'name', message: /control characters/ });
    await refused('forkRun', { id: trained.id, overrides: { name: evil } }, { field: 'overrides.name', message: /control characters/ });
    await refused('tagRun', { id: trained.id, tag: 'a\u0007b' }, { field: 'tag', message: /control characters/ });
  });
});

describe('4. runs that can never train', () => {
  it('a dataset folder that does not exist', async () => {
    await refused('startRun', tinyRun({ dataset: { name: 'folder', path: '/nonexistent/nnwb' } }), {
      field: 'dataset.path',
      message: /not found at \/nonexistent\/nnwb/,
    });
  });

  it('a relative path is read from the data folder, never the working folder', async () => {
    const message = await refused('startRun', tinyRun({ dataset: { name: 'folder', path: '../../etc' } }), { field: 'dataset.path' });
    expect(message).toContain(path.resolve(temp.dir, '../../etc'));
    // '../../etc' may land on /etc from either folder, so a second path tells the two bases apart wherever this runs.
    const nearby = await refused('startRun', tinyRun({ dataset: { name: 'folder', path: 'no-such-folder' } }), { field: 'dataset.path' });
    expect(nearby).toContain(path.join(temp.dir, 'no-such-folder'));
    expect(nearby).not.toContain(path.resolve('no-such-folder'));
    // The run trained in beforeAll found "idx" in the data folder (the working folder has none).
    expect((await (await post('getRun', { id: trained.id })).json()) as RunSummary).toMatchObject({ status: 'completed' });
  });

  it('a model over the engine cap, or whose shapes do not fit the images or the classes', async () => {
    const mlp = (...units: number[]) => ({
      input: [1, 28, 28] as [number, number, number],
      layers: [{ type: 'flatten' as const }, ...units.map((u) => ({ type: 'linear' as const, units: u }))],
    });
    await refused('startRun', tinyRun({ model: mlp(65536, 65536, 10) }), { field: 'model.layers.1', message: /exceed 50,000,000 parameters/ });
    await refused(
      'startRun',
      tinyRun({ model: { input: [1, 28, 28], layers: [{ type: 'conv2d', filters: 8, kernel: 64 }, { type: 'flatten' }, { type: 'linear', units: 10 }] } }),
      {
        field: 'model.layers.0',
        message: /64×64 kernel .* does not fit input \[1, 28, 28\]/,
      },
    );
    await refused('startRun', tinyRun({ model: { ...mlp(10), input: [1, 32, 32] } }), {
      field: 'model.input',
      message: /takes 1×32×32 inputs but .* holds 1×28×28/,
    });
    await refused('startRun', tinyRun({ model: mlp(16, 3) }), { field: 'model.layers', message: /3 outputs but .* 10 classes/ });
    await refused('startRun', tinyRun({ limitTrain: 1, validationSplit: 0.5 }), { field: 'validationSplit', message: /leaves no training example/ });
  });

  it('in a grid, the parameter value or base field that made the cell is named', async () => {
    const missing = { name: 'folder', path: '/nonexistent/nnwb' } as const;
    await refused('startGrid', { base: tinyRun({ dataset: missing }), parameters: { lr: { values: [0.1, 0.2] } } }, { field: 'base.dataset.path' });
    await refused(
      'startGrid',
      { base: tinyRun(), parameters: { dataset: { values: [tinyRun().dataset, missing] } } },
      { field: 'parameters.dataset.values.1' },
    );
  });

  it('a re-run or a fork whose dataset is gone', async () => {
    renameSync(path.join(temp.dir, 'idx'), path.join(temp.dir, 'idx-moved'));
    try {
      await refused('rerunRun', { id: trained.id }, { field: 'dataset.path', message: /not found/ });
      await refused('forkRun', { id: trained.id, overrides: { lr: 0.01 } }, { field: 'dataset.path' });
      await refused('forkRun', { id: trained.id, overrides: { dataset: { name: 'folder', path: 'nowhere' } } }, { field: 'overrides.dataset.path' });
    } finally {
      renameSync(path.join(temp.dir, 'idx-moved'), path.join(temp.dir, 'idx'));
    }
  });

  it('startReproduction on a missing folder queues nothing and makes no report folder', async () => {
    await refused('startReproduction', { scale: 'quick', dataset: { name: 'folder', path: '/nonexistent/nnwb' } }, { field: 'dataset.path' });
    expect((await (await post('listReproductions', {})).json()) as unknown[]).toEqual([]);
  });
});

describe('5. lone UTF-16 surrogates', () => {
  it('are refused in notes, names and tags; whole pairs are stored losslessly', async () => {
    await refused('setRunNotes', { id: trained.id, notes: 'a\ud800b' }, { field: 'notes', message: /lone UTF-16 surrogate/ });
    await refused('renameRun', { id: trained.id, name: 'a\udc00' }, { field: 'name', message: /lone UTF-16 surrogate/ });
    await refused('tagRun', { id: trained.id, tag: '\ud83d' }, { field: 'tag', message: /lone UTF-16 surrogate/ });
    await refused('startRun', tinyRun({ name: 'x\ud800' }), { field: 'name' });
    await refused('listRuns', { text: 'x\ud800' }, { field: 'text' });
    await refused(
      'startGrid',
      { base: tinyRun(), parameters: { ['lr\ud800']: { values: [1] } } },
      { field: 'parameters.lr\ud800', message: /key must be valid Unicode/ },
    );
    const notes = 'weights 🧠 — ok\nsecond line';
    expect((await post('setRunNotes', { id: trained.id, notes })).status).toBe(200);
    expect((await (await post('getRun', { id: trained.id })).json()) as RunSummary).toMatchObject({ notes });
  });
});

describe('6. checkDataset on any folder', () => {
  it('names only what an IDX folder holds and what is missing, never what else is there', async () => {
    const home = path.join(temp.dir, 'home');
    mkdirSync(path.join(home, '.cache'), { recursive: true });
    writeFileSync(path.join(home, '.bashrc'), 'secret');
    writeFileSync(path.join(home, 'diary.txt'), 'secret');
    const before = watch.state();
    const listing = (await (await post('checkDataset', { name: 'folder', path: home })).json()) as { available: boolean; problem: string };
    expect(listing.available).toBe(false);
    expect(listing.problem).toMatch(/missing train-images-idx3-ubyte .*t10k-labels-idx1-ubyte/);
    expect(listing.problem).not.toMatch(/bashrc|\.cache|diary/);
    expect(watch.state()).toEqual(before);
    const message = await refused('startRun', tinyRun({ dataset: { name: 'folder', path: home } }), { field: 'dataset.path' });
    expect(message).not.toMatch(/bashrc|\.cache|diary/);
  });
});

describe('7. a lock left by a dead server whose pid was reused', () => {
  it('does not block the restart; a lock of a live server does', async () => {
    const other = tempDataDir('nnwb-lock-');
    // A live process that is no workbench: it got the pid of the server that wrote the lock and died.
    const squatter = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const pid = squatter.pid!;
      const lock = path.join(other.dir, LOCK_FILE_NAME);
      writeFileSync(lock, `${pid}\nstart=ticks:1\nboot=${bootId() ?? ''}\n`);
      const restarted = await startWebApp({ dataDir: other.dir, port: 0 });
      try {
        const info = await fetch(`${restarted.server.origin}/api/getAppInfo`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${restarted.server.token}` },
          body: '{}',
        });
        expect(info.status).toBe(200);
      } finally {
        await restarted.close();
      }
      // The same pid with its true start time is a live owner: refused, and its lock left alone.
      writeFileSync(lock, `${pid}\nstart=${processStartTime(pid) ?? ''}\nboot=${bootId() ?? ''}\n`);
      await expect(startWebApp({ dataDir: other.dir, port: 0 })).rejects.toMatchObject({ name: 'DataDirLockedError', pid });
    } finally {
      squatter.kill('SIGKILL');
      other.remove();
    }
  });
});

describe('found by the API fuzz', () => {
  it('a grid range of 2^53 values is refused by its count, not expanded (zod ran the cell check anyway: a fatal out-of-memory)', async () => {
    const spec = { base: tinyRun(), parameters: { l2: { min: 0.0001, max: 0.01, count: 2 ** 53 + 2, log: true } } };
    await refused('startGrid', spec, { field: 'parameters.l2.count', message: /Too big/ });
  });
});

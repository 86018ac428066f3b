// Upgrade harness: a database at every older schema version, holding rows, must open with the current code
// into the same schema as a fresh one, losing no rows. A new migration must add a SEEDS entry for its version.
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate';
import { openDatabase } from '../open-database';
import { openStore } from '../store';
import { tempFolder } from '../testing/fixtures';
import { MIGRATIONS } from '.';

const temp = tempFolder('nnw-migrations-');
afterAll(() => temp.remove());

/**
 * Rows to insert into a database at schema version N, in that version's own SQL (never through the
 * repositories, which speak the latest schema). Keep old entries as they are when adding a new one; each
 * makes run 1 'first' (running, tagged 'baseline', train/loss [2.3, NaN]), which the current code then reads.
 */
const SEEDS: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.exec(`
      INSERT INTO experiments (id, kind, name, spec, created_at) VALUES (1, 'grid', 'sweep', '{"parameters":{}}', 1000);
      INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, started_at, epochs_done, test_accuracy)
        VALUES (1, 1, 'first', 'running', '{"seed":3}', 3, 'mnist', 1000, 1001, 1, 0.9);
      INSERT INTO runs (id, experiment_id, parent_run_id, name, config, seed, dataset, created_at)
        VALUES (2, 1, 1, 'fork', '{"seed":4}', 4, 'mnist', 1002);
      INSERT INTO run_tags (run_id, tag) VALUES (1, 'baseline'), (2, 'fork');
      INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (1, 'train/loss', 1, 0, 2.3, 1001), (1, 'train/loss', 2, 0, NULL, 1002);
      INSERT INTO histograms (run_id, epoch, param, min, max, counts) VALUES (1, 0, 'fc.bias', -1, 1, x'0100000002000000');
      INSERT INTO weight_snapshots (run_id, epoch, param, shape, encoding, data) VALUES (1, 0, 'fc.bias', '[2]', 'f32', x'0000803f00000040');
      INSERT INTO confusion (run_id, epoch, split, classes, counts) VALUES (1, 0, 'test', 1, x'05000000');
      INSERT INTO weights (run_id, format, data, created_at) VALUES (1, 'safetensors', x'00', 1003);
    `);
  },
  2: (db) => {
    db.exec(`
      INSERT INTO experiments (id, kind, name, spec, created_at) VALUES (1, 'run', 'first', NULL, 1000);
      INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, started_at, parameter_count, steps_total)
        VALUES (1, 1, 'first', 'running', '{"seed":3}', 3, 'mnist', 1000, 1001, 109386, 4690);
      INSERT INTO run_tags (run_id, tag) VALUES (1, 'baseline');
      INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (1, 'train/loss', 1, 0, 2.3, 1001), (1, 'train/loss', 2, 0, NULL, 1002);
    `);
  },
  3: (db) => {
    db.exec(`
      INSERT INTO experiments (id, kind, name, spec, created_at) VALUES (1, 'run', 'first', NULL, 1000);
      INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, started_at)
        VALUES (1, 1, 'first', 'running', '{"seed":3}', 3, 'mnist', 1000, 1001);
      INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, started_at, finished_at, error, stop_reason)
        VALUES (2, 1, 'blown', 'diverged', '{"seed":4}', 4, 'mnist', 1000, 1001, 1002, 'the training loss rose to 1278 in epoch 1', 'diverged');
      INSERT INTO run_tags (run_id, tag) VALUES (1, 'baseline');
      INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (1, 'train/loss', 1, 0, 2.3, 1001), (1, 'train/loss', 2, 0, NULL, 1002);
    `);
  },
  4: (db) => {
    SEEDS[3]!(db);
    db.exec("INSERT INTO predictions (run_id, epoch, split, predicted, confidence) VALUES (1, 0, 'test', x'0307', x'80ff')");
  },
  5: (db) => {
    SEEDS[4]!(db);
    db.exec(`INSERT INTO run_views (name, state, updated_at) VALUES ('adam only', '{"name":"adam only","query":"optimizer = adam"}', 1004)`);
  },
  6: (db) => {
    SEEDS[5]!(db);
    db.exec(`INSERT INTO checkpoints (run_id, epochs_done, step, score, elapsed_seconds, file, bytes, sha256, created_at)
             VALUES (1, 1, 2, 0.5, 1.5, 'checkpoints/run-1/epoch-1.ckpt', 10, 'ab', 1005)`);
  },
  7: (db) => {
    SEEDS[6]!(db);
    db.exec(`
      INSERT INTO experiments (id, kind, name, spec, created_at) VALUES (2, 'sweep', 'lr sweep', '{"method":"random"}', 1005);
      INSERT INTO sweeps (experiment_id, state) VALUES (2, 'running');
      INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, started_at, finished_at, error)
        VALUES (3, 2, 'lr=0.2', 'pruned', '{"seed":5}', 5, 'mnist', 1005, 1006, 1007, 'ASHA rung 1 (epoch 1): 0.113 below the top 1/3 (0.912)');
      INSERT INTO sweep_trials (experiment_id, number, params, run_id, epoch_values, pruned_reason)
        VALUES (2, 0, '{"lr":0.2}', 3, '[0.113]', 'ASHA rung 1 (epoch 1): 0.113 below the top 1/3 (0.912)');
    `);
  },
  8: (db) => {
    SEEDS[7]!(db);
    db.exec(`
      UPDATE runs SET placement = 'workers', worker = 'box-1' WHERE id = 3;
      INSERT INTO remote_attempts (run_id, attempt, worker, t0) VALUES (3, 2, 'box-1', 1006);
      INSERT INTO remote_identity (id, instance) VALUES (1, 'a1b2c3');
      INSERT INTO remote_feed (queue, last_id) VALUES ('nnwb-runs', '1006-0');
    `);
  },
};

function schema(db: Database.Database) {
  const objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  const columns = db.prepare("SELECT m.name AS tbl, p.* FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid").all();
  return { objects, columns };
}

function rowCounts(db: Database.Database): Record<string, number> {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]));
}

describe('the migration list', () => {
  it('numbers migrations 1, 2, 3… with names matching their files', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}-[a-z0-9-]+$`));
    });
  });

  it('has seed rows for every schema version', () => {
    expect(Object.keys(SEEDS).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('upgrading from every older version', () => {
  const fresh = openDatabase(temp.file('fresh.sqlite'));
  const freshSchema = schema(fresh);
  fresh.close();

  // Version 0 is an empty file; the last version checks that reopening the current schema changes nothing.
  for (let from = 0; from <= MIGRATIONS.length; from++) {
    it(`from version ${from} to ${MIGRATIONS.length}`, () => {
      const file = temp.file(`from-${from}.sqlite`);
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, from) });
      expect(schemaVersion(old)).toBe(from);
      SEEDS[from]?.(old);
      const before = rowCounts(old);
      old.close();

      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(schema(db)).toEqual(freshSchema);
      const after = rowCounts(db);
      for (const [table, n] of Object.entries(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: n });
      db.close();

      // The current repositories read what the old version wrote.
      if (from > 0) {
        const store = openStore(file);
        const run = store.runs.get(1)!;
        expect(run).toMatchObject({ name: 'first', status: 'running', tags: ['baseline'] });
        expect(store.runs.interruptRunning()).toBe(1);
        expect(store.metrics.series(1, 'train/loss').values).toEqual([2.3, NaN]);
        store.close();
      }
    });
  }
});

describe('0002: run facts as columns', () => {
  it('fills them from what schema 1 kept: the step-0 facts and how each run ended', () => {
    const file = temp.file('facts.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    const runs = [
      [1, 'completed', null],
      [2, 'completed', 'early stopping: no better validation accuracy for 3 epochs'],
      [3, 'failed', 'loss became NaN at step 12 (epoch 0): lower the learning rate'],
      [4, 'failed', 'the training process was killed by SIGKILL before the run ended'],
      [5, 'cancelled', null],
      [6, 'interrupted', 'the workbench stopped while the run was in progress'],
    ] as const;
    old.exec("INSERT INTO experiments (id, kind, name, created_at) VALUES (1, 'run', 'x', 1)");
    const insert = old.prepare(
      "INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, error) VALUES (?, 1, 'r', ?, '{}', 1, 'mnist', 1, ?)",
    );
    for (const r of runs) insert.run(...r);
    old.exec(`INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES
      (1, 'run/parameter_count', 0, 0, 109386, 1), (1, 'run/steps_total', 0, 0, 4690, 1), (1, 'run/steps_per_epoch', 0, 0, 469, 1)`);
    old.close();

    const store = openStore(file);
    expect(store.runs.get(1)).toMatchObject({ parameterCount: 109386, stepsTotal: 4690, stopReason: 'completed' });
    expect(runs.map(([id]) => store.runs.get(id)!.stopReason)).toEqual(['completed', 'early_stopping', 'diverged', null, 'cancelled', null]);
    expect(store.runs.get(2)).toMatchObject({ parameterCount: null, stepsTotal: null });
    // The facts that became columns are not kept twice; the others stay.
    expect(store.metrics.keys(1).map((k) => k.key)).toEqual(['run/steps_per_epoch']);
    store.close();
  });
});

describe('0003: diverged is a status', () => {
  function schema2WithRuns(file: string): void {
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    old.exec("INSERT INTO experiments (id, kind, name, created_at) VALUES (1, 'run', 'x', 1)");
    const insert = old.prepare(
      "INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at, error, stop_reason) VALUES (?, 1, 'r', ?, '{}', 1, 'mnist', 1, ?, ?)",
    );
    insert.run(1, 'failed', 'loss became NaN at step 12 (epoch 1): lower the learning rate', 'diverged');
    insert.run(2, 'failed', 'the training process was killed by SIGKILL before the run ended', null);
    insert.run(3, 'completed', null, 'completed');
    insert.run(9, 'running', null, null);
    old.exec("INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (1, 'train/loss', 1, 0, 2.3, 1)");
    // Run 10 existed once: its id must not come back.
    old.exec(
      "INSERT INTO runs (id, experiment_id, name, config, seed, dataset, created_at) VALUES (10, 1, 'gone', '{}', 1, 'mnist', 1); DELETE FROM runs WHERE id = 10",
    );
    old.close();
  }

  it('turns failed runs that diverged into diverged ones and leaves crashes failed', () => {
    const file = temp.file('diverged.sqlite');
    schema2WithRuns(file);
    const store = openStore(file);
    expect([1, 2, 3].map((id) => store.runs.get(id)!.status)).toEqual(['diverged', 'failed', 'completed']);
    expect(store.runs.get(1)!.error).toMatch(/^loss became NaN/);
    expect(store.metrics.series(1, 'train/loss').values).toEqual([2.3]);
    store.close();
  });

  it('keeps the id counter, the lifecycle trigger and the cascades of the rebuilt table', () => {
    const file = temp.file('rebuilt.sqlite');
    schema2WithRuns(file);
    const db = openDatabase(file);
    db.prepare("INSERT INTO runs (experiment_id, name, config, seed, dataset, created_at) VALUES (1, 'new', '{}', 1, 'mnist', 2)").run();
    expect(db.prepare('SELECT max(id) FROM runs').pluck().get()).toBe(11);
    db.prepare("UPDATE runs SET status = 'diverged' WHERE id = 9").run();
    expect(() => db.prepare("UPDATE runs SET status = 'diverged' WHERE id = 3").run()).toThrow(/illegal run status transition/);
    expect(() =>
      db.prepare("INSERT INTO runs (experiment_id, name, status, config, seed, dataset, created_at) VALUES (1, 'x', 'exploded', '{}', 1, 'mnist', 2)").run(),
    ).toThrow(/CHECK constraint/);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe('0007: sweeps and the pruned status', () => {
  it('keeps runs and experiments through the rebuild, and lets a running run become pruned (only a running one)', () => {
    const file = temp.file('sweeps.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 6) });
    SEEDS[6]!(old);
    old.exec("INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, created_at) VALUES (7, 1, 'done', 'completed', '{}', 1, 'mnist', 1)");
    old.exec(
      "INSERT INTO runs (id, experiment_id, name, config, seed, dataset, created_at) VALUES (8, 1, 'gone', '{}', 1, 'mnist', 1); DELETE FROM runs WHERE id = 8",
    );
    old.close();
    const db = openDatabase(file);
    db.prepare("UPDATE runs SET status = 'pruned' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE runs SET status = 'pruned' WHERE id = 7").run()).toThrow(/illegal run status transition/);
    db.prepare("INSERT INTO experiments (kind, name, created_at) VALUES ('sweep', 's', 2)").run();
    expect(() => db.prepare("INSERT INTO experiments (kind, name, created_at) VALUES ('study', 's', 2)").run()).toThrow(/CHECK constraint/);
    db.prepare("INSERT INTO runs (experiment_id, name, config, seed, dataset, created_at) VALUES (1, 'new', '{}', 1, 'mnist', 2)").run();
    expect(db.prepare('SELECT max(id) FROM runs').pluck().get()).toBe(9);
    db.prepare('DELETE FROM experiments WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

// Saved views of the runs table: one row per name holding the view as JSON (validated by the API before it lands).
import type { RunView } from '../../shared/run-view';
import type { Db } from './open-database';

function statements(db: Db) {
  return {
    list: db.prepare('SELECT state FROM run_views ORDER BY name COLLATE NOCASE').pluck(),
    count: db.prepare('SELECT count(*) FROM run_views').pluck(),
    has: db.prepare('SELECT 1 FROM run_views WHERE name = ?').pluck(),
    upsert: db.prepare(`INSERT INTO run_views (name, state, updated_at) VALUES (@name, @state, @updatedAt)
                        ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`),
    delete: db.prepare('DELETE FROM run_views WHERE name = ?'),
  };
}

export class RunViewsRepo {
  private readonly s: ReturnType<typeof statements>;
  private readonly now: () => number;

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.s = statements(db);
    this.now = options.now ?? Date.now;
  }

  /** Every saved view, by name (case-insensitively). */
  list(): RunView[] {
    return (this.s.list.all() as string[]).map((state) => JSON.parse(state) as RunView);
  }

  count(): number {
    return this.s.count.get() as number;
  }

  has(name: string): boolean {
    return this.s.has.get(name) !== undefined;
  }

  /** Saves `view` under its name, replacing a view of that name. */
  save(view: RunView): RunView {
    this.s.upsert.run({ name: view.name, state: JSON.stringify(view), updatedAt: this.now() });
    return view;
  }

  /** True when a view of that name was there. */
  delete(name: string): boolean {
    return this.s.delete.run(name).changes > 0;
  }
}

// Experiments: a single run, a grid search or a sweep, the group every run belongs to. Deleting one deletes its runs.
import type { Db } from './open-database';
import { NotFoundError } from './errors';
import { ValidationError } from '../../shared/validation';
import { checkNotes, requireText } from './validate';

export type ExperimentKind = 'run' | 'grid' | 'sweep';
const KINDS: readonly ExperimentKind[] = ['run', 'grid', 'sweep'];

export interface Experiment {
  readonly id: number;
  readonly kind: ExperimentKind;
  readonly name: string;
  /** The grid or sweep spec (as given), null for a single run. */
  readonly spec: unknown;
  readonly createdAt: number;
  readonly notes: string;
  readonly runCount: number;
  /**
   * 1-based, in order of creation among experiments of its kind: grids are numbered 1, 2, 3… apart from the
   * experiment each single run gets. NOTE: grids are never deleted, so a grid keeps its number.
   */
  readonly number: number;
}

export interface NewExperiment {
  readonly kind: ExperimentKind;
  readonly name: string;
  readonly spec?: unknown;
  readonly notes?: string;
}

const SELECT = /* sql */ `
  SELECT e.id, e.kind, e.name, e.spec, e.created_at AS createdAt, e.notes,
         (SELECT count(*) FROM runs r WHERE r.experiment_id = e.id) AS runCount,
         (SELECT count(*) FROM experiments k WHERE k.kind = e.kind AND k.id <= e.id) AS number
  FROM experiments e`;

type Raw = Omit<Experiment, 'spec'> & { spec: string | null };

function fromRaw(raw: Raw): Experiment {
  return { ...raw, spec: raw.spec === null ? null : JSON.parse(raw.spec) };
}

function statements(db: Db) {
  return {
    insert: db.prepare('INSERT INTO experiments (kind, name, spec, created_at, notes) VALUES (@kind, @name, @spec, @createdAt, @notes)'),
    get: db.prepare(`${SELECT} WHERE e.id = ?`),
    list: db.prepare(`${SELECT} WHERE (@kind IS NULL OR e.kind = @kind) ORDER BY e.created_at DESC, e.id DESC`),
    rename: db.prepare('UPDATE experiments SET name = ? WHERE id = ?'),
    notes: db.prepare('UPDATE experiments SET notes = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM experiments WHERE id = ?'),
  };
}

export class ExperimentsRepo {
  private readonly s: ReturnType<typeof statements>;
  private readonly now: () => number;

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.s = statements(db);
    this.now = options.now ?? Date.now;
  }

  create(input: NewExperiment): Experiment {
    if (!KINDS.includes(input.kind)) throw new ValidationError('kind', `must be one of ${KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`);
    const { lastInsertRowid } = this.s.insert.run({
      kind: input.kind,
      name: requireText('name', input.name, 200),
      spec: input.spec === undefined || input.spec === null ? null : JSON.stringify(input.spec),
      createdAt: this.now(),
      notes: checkNotes(input.notes ?? ''),
    });
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): Experiment | undefined {
    const raw = this.s.get.get(id) as Raw | undefined;
    return raw && fromRaw(raw);
  }

  /** Newest first. */
  list(filter: { kind?: ExperimentKind } = {}): Experiment[] {
    return (this.s.list.all({ kind: filter.kind ?? null }) as Raw[]).map(fromRaw);
  }

  rename(id: number, name: string): void {
    this.mustChange(this.s.rename.run(requireText('name', name, 200), id).changes, id);
  }

  setNotes(id: number, notes: string): void {
    this.mustChange(this.s.notes.run(checkNotes(notes), id).changes, id);
  }

  /** Deletes the experiment with all its runs and everything they recorded. Returns whether it existed. */
  delete(id: number): boolean {
    return this.s.delete.run(id).changes > 0;
  }

  private mustChange(changes: number, id: number): void {
    if (changes === 0) throw new NotFoundError('experiment', id);
  }
}

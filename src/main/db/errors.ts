// The store's typed errors: each names the file, table or row it is about, and crosses processes as { name, message }.

/** The database was written by a newer NN Workbench; it is left exactly as it was. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${file} was written by a newer NN Workbench (schema ${found}; this one knows ${known}). ` +
        'Update NN Workbench, or choose another data folder with --data-dir.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The file is not an NN Workbench database (another application's SQLite file, or not SQLite at all). */
export class ForeignDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is not an NN Workbench database: ${reason}`);
    this.name = 'ForeignDatabaseError';
  }
}

/** A migration failed; the whole upgrade was rolled back and the file keeps its old schema. */
export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly migration: string,
    readonly reason: string,
  ) {
    super(`${file}: migration ${migration} failed, nothing was changed: ${reason}`);
    this.name = 'MigrationError';
  }
}

export type Entity = 'run' | 'experiment' | 'sweep';

export class NotFoundError extends Error {
  constructor(
    readonly entity: Entity,
    readonly id: number,
  ) {
    super(`${entity} ${id} does not exist`);
    this.name = 'NotFoundError';
  }
}

/** A run status change the lifecycle does not allow, e.g. completed → running. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly runId: number,
    readonly from: string,
    readonly to: string,
  ) {
    super(`run ${runId} cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Turns "FOREIGN KEY constraint failed" on a write for `runId` into NotFoundError; rethrows anything else. */
export function rethrowMissingRun(err: unknown, runId: number): never {
  if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new NotFoundError('run', runId);
  throw err;
}

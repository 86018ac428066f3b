// A thrown error as the one line a user reads and the exit code a script reads.
import { EXIT } from './exit-codes';
import { UsageError } from './usage-error';

/** Errors that already say what is wrong in words a user can act on. */
const SELF_EXPLAINING = new Set([
  'EngineError',
  'ShapeError',
  'DatasetError',
  'ConflictError',
  'DataDirLockedError',
  'DatabaseTooNewError',
  'ForeignDatabaseError',
  'MigrationError',
  'NativeBindingError',
  'SafetensorsError',
]);

/** Refused input: the caller must change the command line (a bad value, an unknown id). */
const USAGE = new Set(['ValidationError', 'ConfigError', 'NotFoundError']);

export function describeError(error: unknown): { message: string; code: number } {
  const e = error instanceof Error ? error : new Error(String(error));
  if (e instanceof UsageError) return { message: `error: ${e.message}\nRun with --help to see the options.`, code: EXIT.usage };
  if (USAGE.has(e.name)) return { message: `error: ${e.name === 'NotFoundError' ? '' : 'invalid '}${e.message}`, code: EXIT.usage };
  if (SELF_EXPLAINING.has(e.name)) return { message: `error: ${e.message}`, code: EXIT.failed };
  return { message: `error: ${e.stack ?? e.message}`, code: EXIT.failed };
}

// Strict flag parsing for every command: an unknown or malformed option is refused by name (exit code 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../db';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const DATA_DIR_HELP = `  --data-dir DIR           where runs are recorded (default: $NNWB_DATA_DIR, else the per-user data folder)`;

/** Parses `argv` against `options`; positionals only where `positionals` allows them. */
export function parseFlags<O extends Options>(argv: readonly string[], options: O, positionals = false) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals });
  } catch (error) {
    // node:util names the option in its message ("Unknown option '--foo'"); keep just that sentence.
    throw new UsageError((error as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
}

export function num(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag}: expected a number, got '${text}'`);
  return value;
}

/** A whole number ≥ min, for ids, counts and ports. */
export function int(flag: string, text: string | undefined, min = 1): number | undefined {
  const value = num(flag, text);
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new UsageError(`--${flag}: expected a whole number >= ${min}, got '${text}'`);
  return value;
}

export function choice<T extends string>(flag: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!allowed.includes(text as T)) throw new UsageError(`--${flag}: expected one of ${allowed.join(', ')}, got '${text}'`);
  return text as T;
}

export function list(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${flag}: empty item in '${text}'`);
  return items;
}

/** The data folder from `--data-dir`, else the default (see db/data-dir.ts). */
export function dataDirOf(flag: string | undefined): string {
  return resolveDataDir(flag);
}

/** Drops undefined-valued keys so schema defaults apply and strict objects see no stray keys. */
export function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

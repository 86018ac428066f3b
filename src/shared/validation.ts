// Turns a schema failure into one error naming the field, so every front door reports bad input the same way.
import type { z } from 'zod';

/** Thrown for invalid input at a boundary; crosses processes as `{ name: 'ValidationError', message }`. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = 'ValidationError';
  }
}

/** Parses `input` with `schema` or throws ValidationError for the first issue, e.g. "lr: must be > 0". */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ') : '';
  if (keys) throw new ValidationError(keys, 'unknown field');
  // A record key's own rule says why ("reserved name"), where zod says only "Invalid key in record".
  const keyReason = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
  throw new ValidationError(path, keyReason ? `key: ${keyReason}` : issue.message);
}

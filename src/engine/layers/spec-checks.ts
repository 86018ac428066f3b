// Validation of layer spec fields: specs arrive as JSON, so every number is checked where it enters.
import { ConfigError } from '../errors';

/** A positive integer, or a ConfigError naming `${at}.${field}` and the bad value. */
export function positiveInt(at: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${at}.${field}`, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** A non-negative integer (e.g. padding), or a ConfigError. */
export function nonNegativeInt(at: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${at}.${field}`, `must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** A finite number in [min, max) (max exclusive), or a ConfigError. */
export function numberInRange(at: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value >= max) {
    throw new ConfigError(`${at}.${field}`, `must be a number in [${min}, ${max}), got ${String(value)}`);
  }
  return value;
}

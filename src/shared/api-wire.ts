// How results and errors cross a process boundary: an envelope `{ ok, value } | { ok, error: { name, message } }`.
// IPC would flatten a thrown error to a string and lose its name; the envelope keeps it for the client to rethrow.
import { ValidationError } from './validation';

/** An error as it travels: its class name, its message, and for a ValidationError the field. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly field?: string;
}

export type ApiResult<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

/** Thrown by the service when a run, grid or param does not exist. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Thrown by the service when the request is valid but not now (e.g. predict on a run without weights). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** What a client rejects with: the remote error's name and message, and the field for validation errors. */
export class ApiError extends Error {
  readonly field: string | undefined;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    this.field = wire.field;
  }
}

const MAX_MESSAGE = 4000;

/** Any thrown value as a WireError (messages are capped: a stack-sized message helps nobody in a toast). */
export function toWireError(err: unknown): WireError {
  if (err instanceof ValidationError) return { name: err.name, message: cap(err.message), field: err.field };
  if (err instanceof Error) {
    const field = (err as { field?: unknown }).field;
    const wire: WireError = { name: err.name || 'Error', message: cap(err.message) };
    return typeof field === 'string' ? { ...wire, field } : wire;
  }
  return { name: 'Error', message: cap(String(err)) };
}

/** Reads an envelope that came over a wire, tolerating anything (a proxy's HTML error page, a missing body). */
export function asWireError(body: unknown, fallback: string): WireError {
  if (typeof body === 'object' && body !== null) {
    const { name, message, field } = body as Record<string, unknown>;
    if (typeof name === 'string' && typeof message === 'string') {
      return typeof field === 'string' ? { name, message, field } : { name, message };
    }
  }
  return { name: 'Error', message: fallback };
}

/** HTTP status for an error name: the web door's mapping, and what a client may expect. */
export function httpStatusOf(error: WireError): number {
  switch (error.name) {
    case 'ValidationError':
    case 'ConfigError':
    case 'DatasetError':
      return 400;
    case 'NotFoundError':
      return 404;
    case 'ConflictError':
      return 409;
    default:
      return 500;
  }
}

function cap(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

// Reading errors that come back from the API (ApiError: name, message, field) or from anywhere else.

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** The config field a validation error names, if any ("lr", "dataset.path"). */
export function errorField(err: unknown): string | null {
  const field = (err as { field?: unknown } | null)?.field;
  return typeof field === 'string' && field !== '' ? field : null;
}

/** The message without the "field: " prefix the service puts in front. */
export function errorReason(err: unknown): string {
  const message = errorMessage(err);
  const field = errorField(err);
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

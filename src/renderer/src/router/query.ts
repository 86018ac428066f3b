// Reading one value out of a vue-router query, which may hold null or a repeated key.
import type { LocationQueryValue } from 'vue-router';

/** The first non-null string of a query value ("?tab=a&tab=b" → "a"), or undefined. */
export function queryString(value: LocationQueryValue | LocationQueryValue[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value.find((x) => x !== null) : value;
  return v ?? undefined;
}

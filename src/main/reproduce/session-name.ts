// A reproduction's name: its UTC start time as a folder name that sorts by time and is valid everywhere.

/** 2025-03-01 14:05:09 UTC → "2025-03-01T14-05-09". */
export function timestampName(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** "2025-03-01T14-05-09" → its Unix ms; 0 when the text is not such a name. */
export function timeOfName(name: string): number {
  return Date.parse(`${name.slice(0, 11)}${name.slice(11, 19).replace(/-/g, ':')}Z`) || 0;
}

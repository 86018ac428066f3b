// The one rule for free text, whichever door it comes in by: names (a run's, its config's, a grid's), tags and notes.
import { z } from 'zod';

export const MAX_NAME = 200;
export const MAX_TAG = 64;
export const MAX_NOTES = 100_000;

// NOTE: with the u flag a surrogate pair is one code point, so \p{Cs} matches only a lone half: text that has no
// UTF-8 form (SQLite would store U+FFFD in its place and read back something else).
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const NOT_UNICODE = 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';

/** Whether `text` is valid Unicode (no lone surrogate), so it survives UTF-8 and SQLite unchanged. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Why `text` (already trimmed) is no one-line label of at most `max` characters; null when it is one. */
export function labelProblem(text: string, max: number): string | null {
  if (text.length === 0) return 'must not be empty';
  if (text.length > max) return `must be at most ${max} characters, got ${text.length}`;
  // Control characters break tables, CSV and terminals (an ESC starts a colour, a NUL ends a C string).
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (!isWellFormed(text)) return NOT_UNICODE;
  return null;
}

/** Why `text` is no note; null when it is one (notes keep line breaks and may be empty). */
export function notesProblem(text: string): string | null {
  if (text.length > MAX_NOTES) return `must be at most ${MAX_NOTES} characters, got ${text.length}`;
  if (!isWellFormed(text)) return NOT_UNICODE;
  return null;
}

/**
 * A label made from other text (a grid cell's values, a name plus " (re-run)"): control characters become
 * spaces, a lone surrogate U+FFFD, and a long one is cut to `max` with "…", never inside a surrogate pair.
 */
export function toLabel(text: string, max = MAX_NAME): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\p{Cs}/gu, '\ufffd')
    .trim();
  if (clean.length <= max) return clean;
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(clean[cut - 1] ?? '')) cut--;
  return `${clean.slice(0, cut)}…`;
}

const label = (max: number) =>
  z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = labelProblem(text, max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A run's or a grid's name: trimmed, 1–200 characters, one line. */
export const nameSchema = label(MAX_NAME);
/** A tag: trimmed, 1–64 characters, one line; matched exactly. */
export const tagSchema = label(MAX_TAG);
/** Notes: up to 100,000 characters, kept as written. */
export const notesSchema = z.string().superRefine((text, ctx) => {
  const problem = notesProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

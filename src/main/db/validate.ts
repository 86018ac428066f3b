// Checks of free-text fields before they reach SQL, failing with the shared ValidationError naming the field.
import { ValidationError } from '../../shared/validation';

/** `s` trimmed, or ValidationError when it is empty or longer than `max` characters. */
export function requireText(field: string, s: string, max: number): string {
  const t = typeof s === 'string' ? s.trim() : '';
  if (t.length === 0) throw new ValidationError(field, 'must not be empty');
  if (t.length > max) throw new ValidationError(field, `must be at most ${max} characters, got ${t.length}`);
  return t;
}

/** Notes may be empty; they are kept as written. */
export function checkNotes(notes: string): string {
  if (typeof notes !== 'string') throw new ValidationError('notes', 'must be a string');
  if (notes.length > 100_000) throw new ValidationError('notes', `must be at most 100000 characters, got ${notes.length}`);
  return notes;
}

/** Tags are matched exactly: trimmed, 1–64 characters, no control characters. */
export function checkTag(tag: string): string {
  const t = requireText('tag', tag, 64);
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new ValidationError('tag', `must not contain control characters, got ${JSON.stringify(t)}`);
  return t;
}

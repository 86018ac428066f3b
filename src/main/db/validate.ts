// Checks of free-text fields before they reach SQL, failing with the shared ValidationError naming the field.
// The rules are text-rules.ts's, the same the API's schemas apply: one rule whichever way the text came in.
import { labelProblem, MAX_TAG, notesProblem } from '../../shared/text-rules';
import { ValidationError } from '../../shared/validation';

/** `s` trimmed, or ValidationError when it is no one-line label of at most `max` characters. */
export function requireText(field: string, s: string, max: number): string {
  const t = typeof s === 'string' ? s.trim() : '';
  const problem = labelProblem(t, max);
  if (problem) throw new ValidationError(field, problem);
  return t;
}

/** Notes may be empty; they are kept as written. */
export function checkNotes(notes: string): string {
  if (typeof notes !== 'string') throw new ValidationError('notes', 'must be a string');
  const problem = notesProblem(notes);
  if (problem) throw new ValidationError('notes', problem);
  return notes;
}

/** Tags are matched exactly: trimmed, 1–64 characters, one line. */
export function checkTag(tag: string): string {
  return requireText('tag', tag, MAX_TAG);
}

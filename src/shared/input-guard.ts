// What any call's input must be before its schema reads it: nested at most MAX_INPUT_DEPTH levels, and valid Unicode.
// The walk is iterative: a body of 20,000 nested arrays must be refused, not overflow the stack of a recursive
// parser (z.json() did, with a 500).
import { isWellFormed, NOT_UNICODE } from './text-rules';
import { ValidationError } from './validation';

/** Deepest nesting of objects and arrays a call accepts; the deepest real input (a grid of models) needs 7. */
export const MAX_INPUT_DEPTH = 32;

interface Container {
  readonly value: object;
  readonly depth: number;
  readonly parent: Container | null;
  readonly key: string;
}

/**
 * Checks every object, array, key and string of `input`.
 * @throws ValidationError naming the field: one nested deeper than MAX_INPUT_DEPTH (the parameter holding the
 *   nesting, e.g. "parameters.lr.values", or a cycle), or one holding a lone UTF-16 surrogate (which has no
 *   UTF-8 form).
 */
export function checkInput(input: unknown): void {
  if (typeof input === 'string') return checkText(input, null, '');
  if (typeof input !== 'object' || input === null) return;
  const stack: Container[] = [{ value: input, depth: 1, parent: null, key: '' }];
  // In-process callers and IPC's structured clone may share an object, or even make a cycle (JSON never does). An
  // object is walked again only from deeper than before: at most MAX_INPUT_DEPTH times, and a cycle ends as too deep.
  const walkedAt = new Map<object, number>();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ((walkedAt.get(node.value) ?? 0) >= node.depth) continue;
    walkedAt.set(node.value, node.depth);
    if (node.depth > MAX_INPUT_DEPTH) {
      throw new ValidationError(nestingField(pathOf(node)), `nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    for (const [key, child] of Object.entries(node.value)) {
      if (!Array.isArray(node.value) && !isWellFormed(key)) throw new ValidationError(pathOf(node).concat(key).join('.'), `key ${NOT_UNICODE}`);
      if (typeof child === 'string') checkText(child, node, key);
      else if (typeof child === 'object' && child !== null) stack.push({ value: child as object, depth: node.depth + 1, parent: node, key });
    }
  }
}

function checkText(text: string, parent: Container | null, key: string): void {
  if (isWellFormed(text)) return;
  const path = parent ? pathOf(parent).concat(key) : [];
  throw new ValidationError(path.join('.'), NOT_UNICODE);
}

/** Keys from the input down to `node` (the root's empty key left out). */
function pathOf(node: Container): string[] {
  const keys: string[] = [];
  for (let n: Container | null = node; n?.parent; n = n.parent) keys.push(n.key);
  return keys.reverse();
}

/** The field to blame for too deep a nesting: the path without its run of array indexes, e.g. "parameters.lr.values". */
function nestingField(path: readonly string[]): string {
  let end = path.length;
  while (end > 0 && /^\d+$/.test(path[end - 1]!)) end--;
  return path.slice(0, Math.min(end, 16)).join('.');
}

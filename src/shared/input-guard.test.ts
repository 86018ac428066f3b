// The walk every call's input gets before its schema: the depth bound, lone surrogates, shared objects and cycles.
import { describe, expect, it } from 'vitest';
import { checkInput, MAX_INPUT_DEPTH } from './input-guard';
import { labelProblem, toLabel } from './text-rules';

function refusal(input: unknown): { field: string; reason: string } | null {
  try {
    checkInput(input);
    return null;
  } catch (err) {
    return { field: (err as { field: string }).field, reason: (err as { reason: string }).reason };
  }
}

/** `depth` arrays, each inside the next (built in a loop: 20,000 levels would overflow a recursion). */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('checkInput', () => {
  it(`accepts ${MAX_INPUT_DEPTH} levels and refuses ${MAX_INPUT_DEPTH + 1}, naming the field above the run of indexes`, () => {
    expect(refusal({ a: { b: nested(MAX_INPUT_DEPTH - 2) } })).toBeNull();
    expect(refusal({ a: { b: nested(MAX_INPUT_DEPTH - 1) } })).toEqual({ field: 'a.b', reason: `nested more than ${MAX_INPUT_DEPTH} levels deep` });
    expect(refusal(nested(20_000))).toMatchObject({ field: '' });
  });

  it('refuses a lone surrogate in a string or a key, naming where; whole pairs pass', () => {
    expect(refusal({ notes: '🧠 ok', tags: ['🙂'] })).toBeNull();
    expect(refusal({ tags: ['ok', 'x\udfff'] })).toEqual({ field: 'tags.1', reason: expect.stringMatching(/lone UTF-16 surrogate/) });
    expect(refusal({ p: { 'k\ud800': 1 } })).toEqual({ field: 'p.k\ud800', reason: expect.stringMatching(/^key must be valid Unicode/) });
    expect(refusal('\ud800')).toMatchObject({ field: '' });
  });

  it('walks an object shared by in-process callers, and ends a cycle as too deep', () => {
    const layer = { type: 'relu' };
    let shared: unknown = [layer, layer];
    // 30 levels of two references to the same child: 2^30 paths, walked once per object and depth.
    for (let i = 0; i < 29; i++) shared = [shared, shared];
    expect(refusal(shared)).toBeNull();
    const cycle: Record<string, unknown> = { name: 'x' };
    cycle.self = cycle;
    expect(refusal(cycle)).toMatchObject({ reason: `nested more than ${MAX_INPUT_DEPTH} levels deep` });
  });
});

describe('text rules', () => {
  it('cuts a made-up label at 200 characters, never between the halves of a pair', () => {
    const label = toLabel(`${'a'.repeat(198)}🧠🧠🧠`);
    expect(label).toHaveLength(199);
    expect(label.endsWith('a…')).toBe(true);
    expect(labelProblem(label, 200)).toBeNull();
    expect(toLabel('lr=0.1\tname=\u0000x')).toBe('lr=0.1 name= x');
  });
});

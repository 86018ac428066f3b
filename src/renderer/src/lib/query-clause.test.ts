import { describe, expect, it } from 'vitest';
import { makeRun } from '../testing/make-run';
import { clauseText, queryFields, removeSpan } from './query-clause';

describe('query clauses', () => {
  it('quotes values only when they need it', () => {
    expect(clauseText('lr', '>', '0.01')).toBe('lr > 0.01');
    expect(clauseText('test_acc', '>=', '97%')).toBe('test_acc >= 97%');
    expect(clauseText('model', '~', 'hidden 128')).toBe('model ~ "hidden 128"');
    expect(clauseText('name', '=', 'say "hi"')).toBe(`name = 'say "hi"'`);
  });

  it('takes a clause out and tidies the joins', () => {
    const q = 'lr > 0.1 and optimizer = adam and seed = 1';
    expect(removeSpan(q, 13, 29)).toBe('lr > 0.1 and seed = 1');
    expect(removeSpan(q, 0, 8)).toBe('optimizer = adam and seed = 1');
    expect(removeSpan(q, 34, 42)).toBe('lr > 0.1 and optimizer = adam');
  });

  it('offers the common fields first, then tags and every other column', () => {
    const fields = queryFields([makeRun(1, { configOverrides: { optimizer: { type: 'momentum', momentum: 0.9 } } })]);
    expect(fields.slice(0, 3).map((f) => f.name)).toEqual(['lr', 'l2', 'batch']);
    expect(fields.find((f) => f.name === 'test_acc')).toMatchObject({ numeric: true, percent: true });
    expect(fields.find((f) => f.name === 'optimizer')).toMatchObject({ numeric: false });
    expect(fields.map((f) => f.name)).toContain('optimizer.momentum');
    expect(fields.map((f) => f.name)).not.toContain('best.testAccuracy');
  });
});

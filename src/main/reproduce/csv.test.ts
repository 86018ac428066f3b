import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads plain rows, empty fields and a trailing line break', () => {
    expect(parseCsv('quantity,ours,report\nbest,0.97,\n')).toEqual([
      ['quantity', 'ours', 'report'],
      ['best', '0.97', ''],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF', () => {
    expect(parseCsv('a,"[128, 64]","say ""hi""\r\nthere"\r\nb,c,d')).toEqual([
      ['a', '[128, 64]', 'say "hi"\r\nthere'],
      ['b', 'c', 'd'],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(parseCsv('')).toEqual([]);
  });
});

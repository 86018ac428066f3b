// The test helper's own check: it accepts well-formed XML and names what is wrong otherwise.
import { describe, expect, it } from 'vitest';
import { xmlProblem } from './xml-check';

describe('xmlProblem', () => {
  it('accepts nested, self-closing and escaped markup', () => {
    expect(xmlProblem('<?xml version="1.0"?><svg a="1" b=\'x\'><g><rect/><text>a &amp; b &#x3c;</text></g><!-- c --></svg>')).toBeNull();
  });

  it('names a mismatched or unclosed tag, a stray "<", a bad entity and a second root', () => {
    expect(xmlProblem('<svg><g></svg>')).toMatch(/<\/svg> at \d+ closes <g>/);
    expect(xmlProblem('<svg><g>')).toBe('unclosed <g>');
    expect(xmlProblem('<svg>1 < 2</svg>')).toMatch(/opens no tag/);
    expect(xmlProblem('<svg>a & b</svg>')).toMatch(/bad entity/);
    expect(xmlProblem('<a/><b/>')).toMatch(/one root element, found 2/);
    expect(xmlProblem('<svg a=1></svg>')).not.toBeNull();
  });
});

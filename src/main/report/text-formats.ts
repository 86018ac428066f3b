// Cell escaping for the three text table formats: CSV (RFC 4180), Markdown pipe tables, LaTeX.

/**
 * One CSV field: quoted when it holds a comma, quote or line break. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @) gets a leading apostrophe; numbers are written as they are.
 */
export function csvField(value: string | number | null, isText: boolean): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? numberText(value) : value;
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
export function markdownCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text safe inside a LaTeX tabular cell. */
export function latexText(s: string): string {
  return s.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]!).replace(/\r?\n/g, ' ');
}

/** The shortest text that reads back as the same number; NaN and ±Infinity spelled out. */
export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

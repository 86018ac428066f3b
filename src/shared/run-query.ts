// The runs table's query language, parsed: clauses like `lr > 0.01`, `optimizer = adam`, `test_acc >= 97%`,
// `model ~ conv`, `seed in (1, 2, 3)`, joined by spaces, commas or `and`; bare words search names, tags and models.

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~';
export const COMPARE_OPS: readonly CompareOp[] = ['=', '!=', '>', '>=', '<', '<=', '~', '!~'];

export type QueryValue =
  { readonly kind: 'number'; readonly n: number; readonly percent: boolean; readonly text: string } | { readonly kind: 'text'; readonly text: string };

/** `field op value`, or `field in (a, b)` (op '=' with several values); start/end index the query text. */
export interface QueryClause {
  readonly field: string;
  readonly op: CompareOp;
  readonly values: readonly QueryValue[];
  readonly start: number;
  readonly end: number;
}

/** A bare word or quoted phrase: searched for in the run's name, notes, tags, model, optimizer and dataset. */
export interface QueryWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedQuery {
  readonly clauses: readonly QueryClause[];
  readonly words: readonly QueryWord[];
}

/** A query that does not parse or does not fit the runs: what is wrong and where (indexes into the text). */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Most characters a query may have: a typed filter, not a program. */
export const MAX_QUERY_LENGTH = 1000;

type Token =
  | { type: 'word' | 'string' | 'op' | 'punct'; text: string; start: number; end: number }
  | { type: 'number'; text: string; n: number; percent: boolean; start: number; end: number };

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?(?![\w.])/i;
// A word starts with anything a number, an operator, a quote or punctuation cannot start with ("adam", "#12", "fashion-mnist").
const WORD = /^[^\s()=<>!~:,"'\d.-][^\s()=<>!~:,"']*/u;
const OP = /^(?:>=|<=|!=|!~|==|=|>|<|~|:)/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, i + 1);
      if (close < 0) throw new QueryError(`unclosed ${quote}: add the closing quote`, i, text.length);
      tokens.push({ type: 'string', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    const number = NUMBER.exec(rest);
    const op = OP.exec(rest);
    const word = WORD.exec(rest);
    if (number) {
      const percent = number[0].endsWith('%');
      tokens.push({ type: 'number', text: number[0], n: Number(percent ? number[0].slice(0, -1) : number[0]), percent, start: i, end: i + number[0].length });
    } else if (op) tokens.push({ type: 'op', text: op[0] === '==' || op[0] === ':' ? '=' : op[0], start: i, end: i + op[0].length });
    else if (word) tokens.push({ type: 'word', text: word[0], start: i, end: i + word[0].length });
    else if ('(),'.includes(rest[0]!)) tokens.push({ type: 'punct', text: rest[0]!, start: i, end: i + 1 });
    else throw new QueryError(`unexpected "${rest[0]}" at ${i + 1}`, i, i + 1);
    i = tokens[tokens.length - 1]!.end;
  }
  return tokens;
}

function valueOf(t: Token): QueryValue {
  return t.type === 'number' ? { kind: 'number', n: t.n, percent: t.percent, text: t.text } : { kind: 'text', text: t.text };
}
type ValueToken = Extract<Token, { type: 'number' | 'word' | 'string' }>;
const isValue = (t: Token | undefined): t is ValueToken => t !== undefined && (t.type === 'number' || t.type === 'word' || t.type === 'string');
const isKeyword = (t: Token | undefined, word: string): boolean => t?.type === 'word' && t.text.toLowerCase() === word;

/** Parses `text`. @throws QueryError naming what is wrong and where, e.g. `expected a value after ">=" at 9`. */
export function parseQuery(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) throw new QueryError(`a query holds at most ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH, text.length);
  const tokens = tokenize(text);
  const clauses: QueryClause[] = [];
  const words: QueryWord[] = [];
  let i = 0;
  const at = (t: Token) => `at ${t.start + 1}`;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (isKeyword(t, 'and') || (t.type === 'punct' && t.text === ',')) {
      i++;
    } else if (t.type === 'word' && next?.type === 'op') {
      const value = tokens[i + 2];
      if (!isValue(value)) throw new QueryError(`expected a value after "${next.text}" ${at(next)}`, next.start, value?.end ?? next.end);
      clauses.push({ field: t.text, op: next.text as CompareOp, values: [valueOf(value)], start: t.start, end: value.end });
      i += 3;
    } else if (t.type === 'word' && isKeyword(next, 'in')) {
      const open = tokens[i + 2];
      if (open?.type !== 'punct' || open.text !== '(')
        throw new QueryError(`expected "(" after "in" ${at(next!)}: seed in (1, 2)`, next!.start, open?.end ?? next!.end);
      const values: QueryValue[] = [];
      let j = i + 3;
      for (;;) {
        const v = tokens[j];
        if (!isValue(v)) throw new QueryError(`expected a value in the list ${v ? at(v) : 'at the end'}`, v?.start ?? open.end, v?.end ?? text.length);
        values.push(valueOf(v));
        const sep = tokens[j + 1];
        if (sep?.type === 'punct' && sep.text === ')') break;
        if (sep?.type !== 'punct' || sep.text !== ',')
          throw new QueryError(`expected "," or ")" ${sep ? at(sep) : 'at the end'}`, sep?.start ?? v.end, sep?.end ?? text.length);
        j += 2;
      }
      clauses.push({ field: t.text, op: '=', values, start: t.start, end: tokens[j + 1]!.end });
      i = j + 2;
    } else if (isValue(t)) {
      words.push({ text: t.text, start: t.start, end: t.end });
      i++;
    } else {
      throw new QueryError(`unexpected "${t.text}" ${at(t)}${t.type === 'op' ? ': a comparison needs a field before it, e.g. lr > 0.01' : ''}`, t.start, t.end);
    }
  }
  return { clauses, words };
}

// SSE framing: what formatSse writes, SseParser reads back, however the bytes are split.
import { describe, expect, it } from 'vitest';
import { formatSse, formatSseComment, SseParser } from './sse';

describe('SseParser', () => {
  it('reads back formatted messages split at every possible point', () => {
    const wire = formatSseComment('hello') + formatSse({ data: '{"a":1}' }) + formatSse({ data: 'two\nlines', event: 'note', id: '7' });
    for (let cut = 0; cut <= wire.length; cut++) {
      const parser = new SseParser();
      const got = [...parser.feed(wire.slice(0, cut)), ...parser.feed(wire.slice(cut))];
      expect(got, `cut at ${cut}`).toEqual([
        { event: 'message', data: '{"a":1}' },
        { event: 'note', data: 'two\nlines', id: '7' },
      ]);
    }
  });

  it('accepts CRLF and CR line ends and ignores comments and empty blocks', () => {
    const parser = new SseParser();
    expect(parser.feed(': ping\r\n\r\ndata:x\r\rdata: y\r\n')).toEqual([{ event: 'message', data: 'x' }]);
    expect(parser.feed('\r\n')).toEqual([{ event: 'message', data: 'y' }]);
  });

  it('keeps injected newlines out of event names', () => {
    expect(formatSse({ data: 'd', event: 'a\ndata: evil' })).toBe('event: a data: evil\ndata: d\n\n');
  });
});

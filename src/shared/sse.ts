// Server-Sent Events framing: writing messages (web server) and parsing a byte stream back into them (Node client).
// The workbench sends every event as one unnamed message whose data is `{"event": name, "payload": …}`.

export interface SseMessage {
  /** "message" unless the server named it. */
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** One message frame. Multi-line data becomes one `data:` line per line, as the spec requires. */
export function formatSse(message: { data: string; event?: string; id?: string }): string {
  let out = '';
  if (message.event) out += `event: ${oneLine(message.event)}\n`;
  if (message.id) out += `id: ${oneLine(message.id)}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment frame: ignored by clients, keeps proxies and idle timers from closing the stream. */
export function formatSseComment(text: string): string {
  return `: ${oneLine(text)}\n\n`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/** Incremental parser (WHATWG EventSource rules): feed text as it arrives, get the completed messages. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // NOTE: a lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      const width = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + width);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    const had = this.data.length > 0;
    const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) };
    this.data = [];
    this.event = '';
    return had ? message : null;
  }
}

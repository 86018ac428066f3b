// The last few kilobytes a training process wrote to stderr: the crash reason a failed run shows.

export class StderrTail {
  private text = '';
  private dropped = false;

  constructor(private readonly maxChars = 4096) {}

  push(chunk: string | Uint8Array): void {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
    // Trim only when well over the limit, so a stream of small chunks does not copy the string each time.
    if (this.text.length > 2 * this.maxChars) this.trim();
  }

  /** The tail, prefixed with "…" when earlier output was dropped. */
  toString(): string {
    this.trim();
    return this.dropped ? `…${this.text}` : this.text;
  }

  private trim(): void {
    if (this.text.length <= this.maxChars) return;
    this.text = this.text.slice(this.text.length - this.maxChars);
    this.dropped = true;
  }
}

// A one-line progress bar on stderr: redrawn in place on a terminal, one line per epoch otherwise.

export interface ProgressBarOptions {
  stream?: NodeJS.WriteStream;
  width?: number;
  /** Minimum milliseconds between redraws (drawing every step would cost more than the step). */
  intervalMs?: number;
}

export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly width: number;
  private readonly intervalMs: number;
  private lastDraw = 0;
  private lastLine = '';

  constructor(options: ProgressBarOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.width = options.width ?? 28;
    this.intervalMs = options.intervalMs ?? 100;
  }

  get interactive(): boolean {
    return Boolean(this.stream.isTTY);
  }

  /** Redraws the bar (throttled; terminals only). `fraction` is in [0, 1]. */
  update(label: string, fraction: number, detail: string): void {
    if (!this.interactive) return;
    const now = Date.now();
    if (now - this.lastDraw < this.intervalMs && fraction < 1) return;
    this.lastDraw = now;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * this.width);
    const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
    const line = `${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${detail}`;
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.lastLine.length - line.length))}`);
    this.lastLine = line;
  }

  /** Ends the current bar with a permanent line (e.g. an epoch summary). */
  log(line: string): void {
    if (this.interactive && this.lastLine) this.stream.write(`\r${' '.repeat(this.lastLine.length)}\r`);
    this.lastLine = '';
    this.stream.write(`${line}\n`);
  }
}

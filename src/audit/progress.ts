/** Progress on stderr when it is a terminal: files done / total, items, findings so far, ETA. Silent otherwise. */
export class Progress {
  private started = Date.now();
  private items = 0;
  private findings = 0;
  private lastDraw = 0;
  readonly enabled: boolean;

  constructor(private readonly total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
  }

  private stream: NodeJS.WriteStream;

  update(done: number, items: number, findings: number): void {
    this.items += items;
    this.findings += findings;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const eta = done > 0 ? Math.round((elapsed / done) * (this.total - done)) : 0;
    const line = `audit: ${done}/${this.total} files, ${this.items} items, ${this.findings} findings${done < this.total ? `, about ${eta}s left` : ''}`;
    this.stream.write(`\r${line.padEnd(78)}`);
  }

  end(): void {
    if (this.enabled) this.stream.write('\n');
  }
}

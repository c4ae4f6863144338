// Splits a byte stream into `\n`-terminated lines with a cap on line length, so a driver that
// prints forever without a newline cannot make the runner buffer without bound.
export class LineSplitter {
  private partial: Buffer[] = [];
  private partialSize = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    /** Called once the pending line passes the cap, with its first 200 bytes; then reset. */
    private readonly onOverflow: (head: string) => void,
    /** Stop delivering the rest of a chunk (e.g. the consumer is gone). */
    private readonly stopped: () => boolean = () => false,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const part = chunk.subarray(start, nl);
      const line =
        this.partialSize > 0 ? Buffer.concat([...this.partial, part]).toString('utf8') : part.toString('utf8');
      this.partial = [];
      this.partialSize = 0;
      start = nl + 1;
      if (line.trim() !== '') this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (this.stopped()) return;
    }
    if (start >= chunk.length) return;
    const rest = chunk.subarray(start);
    this.partial.push(rest);
    this.partialSize += rest.length;
    if (this.partialSize > this.maxLineBytes) {
      const head = Buffer.concat(this.partial).subarray(0, 200).toString('utf8');
      this.partial = [];
      this.partialSize = 0;
      this.onOverflow(head);
    }
  }
}

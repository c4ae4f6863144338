// Bounded capture buffers: a child may print without end, the runner keeps a fixed amount.
/** Keeps at most `limit` bytes; remembers that more arrived. */
export class BoundedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;
  total = 0;

  constructor(
    readonly limit: number,
    /** `head` keeps the first bytes, `tail` the last ones. */
    private readonly keep: 'head' | 'tail' = 'head',
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.keep === 'head') {
      const room = this.limit - this.size;
      if (room <= 0) {
        this.overflowed = true;
        return;
      }
      if (chunk.length > room) {
        this.overflowed = true;
        chunk = chunk.subarray(0, room);
      }
      this.chunks.push(chunk);
      this.size += chunk.length;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 0) {
      this.overflowed = true;
      const first = this.chunks[0]!;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  reset(): void {
    this.chunks = [];
    this.size = 0;
    this.total = 0;
    this.overflowed = false;
  }

  text(): string {
    const s = Buffer.concat(this.chunks).toString('utf8');
    if (!this.overflowed) return s;
    return this.keep === 'head' ? `${s}\n… (truncated; ${this.total} bytes in all)` : `… (truncated)\n${s}`;
  }
}

/** The last `n` non-empty lines of `text`. */
export function lastLines(text: string, n = 10): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
}

/** Keeps the first `head` bytes and a rolling tail, so both the start and the end survive. */
export class CappedBuffer {
  private headParts: Buffer[] = [];
  private headLen = 0;
  private tail: Buffer = Buffer.alloc(0);
  total = 0;
  constructor(private readonly cap: number) {}
  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headCap = Math.floor(this.cap / 4);
    if (this.headLen < headCap) {
      const take = chunk.subarray(0, headCap - this.headLen);
      this.headParts.push(take);
      this.headLen += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (chunk.length === 0) return;
    const tailCap = this.cap - headCap;
    const joined = Buffer.concat([this.tail, chunk]);
    this.tail = joined.length > tailCap ? joined.subarray(joined.length - tailCap) : joined;
  }
  get truncated(): boolean {
    return this.total > this.cap;
  }
  toString(): string {
    const head = Buffer.concat(this.headParts).toString('utf8');
    if (!this.truncated) return head + this.tail.toString('utf8');
    const dropped = this.total - this.headLen - this.tail.length;
    return `${head}\n[... ${dropped} bytes truncated (output is ${this.total} bytes, kept first and last part) ...]\n${this.tail.toString('utf8')}`;
  }
}

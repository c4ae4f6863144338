// One driver process speaking protocol v1 (docs/driver-protocol.md): a handshake, then
// requests answered in order. The runner may pipeline (write requests ahead; drivers read and
// answer one at a time), so a case's clock starts when it reaches the head of the queue.
// Every way a driver can misbehave (timeout, crash, garbage, output without end) fails the
// case at the head, hands the queued ones back for a fresh driver, and leaves this one dead.
import { performance } from 'node:perf_hooks';
import type { Outcome } from './types.js';
import { LineSplitter } from './lines.js';
import {
  BoundedBuffer,
  describeExit,
  lastLines,
  spawnLong,
  type LongOptions,
  type LongProcess,
  type ProcessFailureKind,
} from '../process/index.js';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;
export const MAX_OUTPUT_BYTES = 64 * 1024;

export interface DriverLimits {
  maxLineBytes: number;
  maxOutputBytes: number;
}

export type CallResult = (
  | { type: 'response'; outcome: Outcome; output?: string }
  | { type: 'failure'; status: 'failed' | 'errored'; kind: ProcessFailureKind; message: string; output?: string }
  /**
   * Never ran; run it on a fresh driver. `queued`: it waited behind a case that broke the
   * driver; `dead`: the driver was already gone when it was sent.
   */
  | { type: 'retry'; reason: 'queued' | 'dead' }
) & { durationMs?: number };

/** The implementation could not be loaded (or the driver never said hello). */
export class DriverLoadError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'DriverLoadError';
  }
}

interface Request {
  id: number;
  resolve: (r: CallResult) => void;
  timeoutMs: number;
  startedAt: number;
}

function quote(line: string): string {
  return JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const encodeArgs = (_k: string, v: unknown) => (typeof v === 'bigint' ? { $ghost: 'bigint', value: v.toString() } : v);

export class DriverProcess {
  language = '';
  functions: Record<string, string> = {};
  dead = false;
  private proc: LongProcess;
  private get child() {
    return this.proc.child;
  }
  private lines: LineSplitter;
  private hello: ((line: string | Error) => void) | undefined;
  private queue: Request[] = [];
  private stray: string | undefined;
  private stderrTail: BoundedBuffer;
  private stderrCase: BoundedBuffer;
  private exitInfo: string | undefined;
  private nextId = 1;
  /** One timer per driver, re-armed for each head request (cheaper than one per request). */
  private timer: NodeJS.Timeout | undefined;
  private timerMs = 0;
  private outgoing = '';
  private flushing = false;
  private readonly flush = () => {
    this.flushing = false;
    const data = this.outgoing;
    this.outgoing = '';
    if (data && !this.dead) this.child.stdin!.write(data);
  };

  private constructor(
    spec: LongOptions,
    private readonly limits: DriverLimits,
  ) {
    this.stderrTail = new BoundedBuffer(limits.maxOutputBytes, 'tail');
    this.stderrCase = new BoundedBuffer(limits.maxOutputBytes, 'head');
    this.proc = spawnLong(spec);
    this.lines = new LineSplitter(
      limits.maxLineBytes,
      (line) => this.onLine(line),
      (head) =>
        this.broken(
          new Error(`driver output exceeded ${limits.maxLineBytes} bytes without a newline (starts ${quote(head)})`),
        ),
      () => this.dead && this.queue.length === 0 && !this.hello,
    );
    this.child.stdout!.on('data', (chunk: Buffer) => this.lines.push(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail.push(chunk);
      this.stderrCase.push(chunk);
    });
    this.child.on('error', (e) => this.broken(new Error(`could not start driver (${spec.argv[0]}): ${e.message}`)));
    this.child.on('exit', (code, signal) => {
      this.exitInfo = describeExit(code, signal);
      // let the last stdout/stderr bytes arrive before declaring the crash
      const finish = () => this.broken(new Error(`driver ${this.exitInfo}`));
      const t = setTimeout(finish, 100);
      this.child.once('close', () => {
        clearTimeout(t);
        finish();
      });
    });
  }

  static async start(spec: LongOptions, handshakeTimeoutMs: number, limits: DriverLimits): Promise<DriverProcess> {
    const d = new DriverProcess(spec, limits);
    const line = await new Promise<string | Error>((resolve) => {
      const timer = setTimeout(() => resolve(new Error('timed out')), handshakeTimeoutMs);
      d.hello = (l) => {
        clearTimeout(timer);
        d.hello = undefined;
        resolve(l);
      };
    });
    const fail = (msg: string): never => {
      d.kill();
      throw new DriverLoadError(msg, lastLines(d.stderrTail.text()));
    };
    if (line instanceof Error) {
      if (line.message === 'timed out') fail(`driver sent no handshake within ${handshakeTimeoutMs} ms`);
      fail(
        line.message.startsWith('could not start')
          ? line.message
          : `driver failed before its handshake: ${line.message}`,
      );
    }
    let msg: unknown;
    try {
      msg = JSON.parse(line as string);
    } catch {
      msg = undefined;
    }
    if (!isObject(msg) || msg.ghost !== 'driver')
      return fail(`driver sent an invalid handshake: ${quote(line as string)}`);
    if (isObject(msg.error))
      fail(`implementation failed to load: ${String(msg.error.kind ?? 'Error')}: ${String(msg.error.message ?? '')}`);
    if (msg.protocol !== 1) fail(`driver speaks protocol ${String(msg.protocol)}, the runner speaks 1`);
    d.language = typeof msg.language === 'string' ? msg.language : '';
    if (isObject(msg.functions)) {
      for (const [k, v] of Object.entries(msg.functions)) if (typeof v === 'string') d.functions[k] = v;
    }
    return d;
  }

  /** Queues one request (written at once) and resolves with its response; never throws. */
  call(fn: string, args: unknown[], timeoutMs: number): Promise<CallResult> {
    if (this.dead) return Promise.resolve({ type: 'retry', reason: 'dead' });
    if (this.stray !== undefined) {
      const line = this.stray;
      this.kill();
      return Promise.resolve({
        type: 'failure',
        status: 'errored',
        kind: 'garbage',
        message: `driver sent output outside any request: ${quote(line)}`,
      });
    }
    let payload: string;
    const request = { id: this.nextId, fn, args };
    try {
      payload = JSON.stringify(request);
    } catch {
      try {
        payload = JSON.stringify(request, encodeArgs); // bigints (slower path)
      } catch (e) {
        return Promise.resolve({
          type: 'failure',
          status: 'errored',
          kind: 'spawn',
          message: `case arguments are not serialisable: ${(e as Error).message}`,
        });
      }
    }
    return new Promise((resolve) => {
      const req: Request = { id: this.nextId++, resolve, timeoutMs, startedAt: 0 };
      this.queue.push(req);
      if (this.queue.length === 1) this.startHead();
      // requests written in the same turn go out in one write (one syscall, one wakeup)
      this.outgoing += `${payload}\n`;
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Closes stdin and waits (briefly) for a clean exit; kills the group either way. */
  async close(graceMs = 2000): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.timer);
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.child.stdin!.end();
    const t = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(t);
    this.proc.kill();
  }

  kill(): void {
    this.dead = true;
    clearTimeout(this.timer);
    this.proc.kill();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private startHead(): void {
    const head = this.queue[0];
    if (!head) return;
    if (this.stderrCase.total > 0) this.stderrCase.reset();
    head.startedAt = performance.now();
    if (this.timer && this.timerMs === head.timeoutMs) {
      this.timer.refresh();
    } else {
      clearTimeout(this.timer);
      this.timerMs = head.timeoutMs;
      this.timer = setTimeout(() => this.onTimer(), head.timeoutMs);
    }
  }

  private onTimer(): void {
    const head = this.queue[0];
    if (!head || this.dead) return; // idle: nothing to time
    const late = performance.now() - head.startedAt;
    if (late < head.timeoutMs - 1) {
      // re-armed for a younger head (refresh from a later request): wait for the rest
      this.timer = setTimeout(() => this.onTimer(), head.timeoutMs - late);
      return;
    }
    this.failHead('timeout', `timed out after ${head.timeoutMs} ms`, 'failed');
  }

  /** Resolves the head request and starts the clock of the next one. */
  private settleHead(result: CallResult): void {
    const head = this.queue.shift();
    if (!head) return;
    result.durationMs = performance.now() - head.startedAt;
    head.resolve(result);
    this.startHead();
  }

  /** The driver is unusable: fail the head, hand the rest back, kill the process group. */
  private failHead(kind: ProcessFailureKind, message: string, status: 'failed' | 'errored', output?: string): void {
    this.kill();
    const stderr = output ?? this.stderrCase.text();
    clearTimeout(this.timer);
    const head = this.queue.shift();
    const rest = this.queue.splice(0);
    if (head) {
      head.resolve({
        type: 'failure',
        status,
        kind,
        message,
        ...(stderr ? { output: stderr } : {}),
        durationMs: performance.now() - head.startedAt,
      });
    }
    for (const r of rest) r.resolve({ type: 'retry', reason: 'queued' });
  }

  private broken(reason: Error): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.kill();
    this.dead = true;
    if (this.hello) return this.hello(reason);
    if (this.queue.length === 0) return; // died between requests: the next call is retried
    const crashed = reason.message.startsWith('driver exited') || reason.message.startsWith('driver killed');
    const tail = lastLines(this.stderrCase.text() || this.stderrTail.text());
    this.failHead(
      crashed ? 'exit' : reason.message.startsWith('driver output exceeded') ? 'overflow' : 'spawn',
      crashed ? `${reason.message} while running this case${tail ? `; last stderr:\n${tail}` : ''}` : reason.message,
      'failed',
    );
  }

  private onLine(line: string): void {
    // (start() installs `hello` synchronously after spawning, before any output can arrive)
    if (this.hello) return this.hello(line);
    const head = this.queue[0];
    if (!head) {
      this.stray ??= line;
      return;
    }
    const stderr = this.stderrCase.total > 0 ? this.stderrCase.text() : '';
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      msg = undefined;
    }
    const bad = (why: string) => this.failHead('garbage', `${why}: ${quote(line)}`, 'errored', stderr);
    if (!isObject(msg) || typeof msg.ok !== 'boolean') return bad('driver sent garbage instead of a response');
    if (msg.id !== head.id) return bad(`driver answered id ${JSON.stringify(msg.id)} instead of ${head.id}`);
    let output = typeof msg.output === 'string' ? msg.output : '';
    if (stderr) output = output ? `${output}\n${stderr}` : stderr;
    if (output.length > this.limits.maxOutputBytes)
      output = `${output.slice(0, this.limits.maxOutputBytes)}\n… (truncated)`;
    const extra = output ? { output } : {};
    if (msg.ok) return this.settleHead({ type: 'response', outcome: { ok: true, value: msg.value ?? null }, ...extra });
    const err = msg.error;
    if (!isObject(err) || typeof err.kind !== 'string') return bad('driver sent an error response without error.kind');
    const message = typeof err.message === 'string' ? err.message : String(err.message ?? '');
    this.settleHead({ type: 'response', outcome: { ok: false, error: { kind: err.kind, message } }, ...extra });
  }
}

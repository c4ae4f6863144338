// One driver process speaking protocol v1 (docs/driver-protocol.md): handshake, then one
// request in flight at a time. Every way a driver can misbehave (timeout, crash, garbage,
// output without end) fails the case in flight and leaves this driver dead; the pool starts
// a fresh one.
import type { ChildProcess } from 'node:child_process';
import type { Outcome } from './types.js';
import { BoundedBuffer, describeExit, killGroup, lastLines, spawnGroup, type SpawnSpec } from './proc.js';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;
export const MAX_OUTPUT_BYTES = 64 * 1024;

export interface DriverLimits {
  maxLineBytes: number;
  maxOutputBytes: number;
}

export type CallResult =
  | { type: 'response'; outcome: Outcome; output?: string }
  | { type: 'failure'; status: 'failed' | 'errored'; message: string; output?: string };

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

type Waiter = (line: string | Error) => void;

function quote(line: string): string {
  return JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

export class DriverProcess {
  language = '';
  functions: Record<string, string> = {};
  private child: ChildProcess;
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private waiter: Waiter | undefined;
  private stray: string[] = [];
  private stderrTail: BoundedBuffer;
  private stderrCase: BoundedBuffer;
  private exitInfo: string | undefined;
  private nextId = 1;
  dead = false;

  private constructor(
    spec: SpawnSpec,
    private readonly limits: DriverLimits,
  ) {
    this.stderrTail = new BoundedBuffer(limits.maxOutputBytes, 'tail');
    this.stderrCase = new BoundedBuffer(limits.maxOutputBytes, 'head');
    this.child = spawnGroup(spec);
    this.child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail.push(chunk);
      this.stderrCase.push(chunk);
    });
    this.child.on('error', (e) => this.die(new Error(`could not start driver (${spec.command[0]}): ${e.message}`)));
    this.child.on('exit', (code, signal) => {
      this.exitInfo = describeExit(code, signal);
      // let the last stdout/stderr bytes arrive before declaring the crash
      const finish = () => this.die(new Error(`driver ${this.exitInfo}`));
      const t = setTimeout(finish, 100);
      this.child.once('close', () => {
        clearTimeout(t);
        finish();
      });
    });
  }

  static async start(spec: SpawnSpec, handshakeTimeoutMs: number, limits: DriverLimits): Promise<DriverProcess> {
    const d = new DriverProcess(spec, limits);
    const line = await d.nextLine(handshakeTimeoutMs);
    const stderr = () => lastLines(d.stderrTail.text());
    if (line instanceof Error) {
      d.kill();
      const msg = line.message.startsWith('timed out')
        ? `driver sent no handshake within ${handshakeTimeoutMs} ms`
        : line.message.startsWith('could not start')
          ? line.message
          : `driver failed before its handshake: ${line.message}`;
      throw new DriverLoadError(msg, stderr());
    }
    let hello: unknown;
    try {
      hello = JSON.parse(line);
    } catch {
      hello = undefined;
    }
    if (!isObject(hello) || hello.ghost !== 'driver') {
      d.kill();
      throw new DriverLoadError(`driver sent an invalid handshake: ${quote(line)}`, stderr());
    }
    if (isObject(hello.error)) {
      d.kill();
      const { kind, message } = hello.error;
      throw new DriverLoadError(`implementation failed to load: ${String(kind ?? 'Error')}: ${String(message ?? '')}`, stderr());
    }
    if (hello.protocol !== 1) {
      d.kill();
      throw new DriverLoadError(`driver speaks protocol ${String(hello.protocol)}, the runner speaks 1`, stderr());
    }
    d.language = typeof hello.language === 'string' ? hello.language : '';
    if (isObject(hello.functions)) {
      for (const [k, v] of Object.entries(hello.functions)) if (typeof v === 'string') d.functions[k] = v;
    }
    return d;
  }

  /** Sends one request and waits for its response; never throws. */
  async call(fn: string, args: unknown[], timeoutMs: number): Promise<CallResult> {
    if (this.dead) return { type: 'failure', status: 'errored', message: `driver is not running (${this.exitInfo ?? 'dead'})` };
    if (this.stray.length > 0) {
      const line = this.stray[0]!;
      this.kill();
      return { type: 'failure', status: 'errored', message: `driver sent output outside any request: ${quote(line)}` };
    }
    const id = this.nextId++;
    this.stderrCase.reset();
    let payload: string;
    try {
      payload = JSON.stringify({ id, fn, args }, (_k, v: unknown) =>
        typeof v === 'bigint' ? { $ghost: 'bigint', value: v.toString() } : v,
      );
    } catch (e) {
      return { type: 'failure', status: 'errored', message: `case arguments are not serialisable: ${(e as Error).message}` };
    }
    this.child.stdin!.write(`${payload}\n`);
    const line = await this.nextLine(timeoutMs);
    const stderr = this.stderrCase.text();
    if (line instanceof Error) {
      this.kill();
      const tail = lastLines(stderr || this.stderrTail.text());
      let message: string;
      if (line.message.startsWith('timed out')) message = `timed out after ${timeoutMs} ms`;
      else if (line.message.startsWith('driver exited') || line.message.startsWith('driver killed'))
        message = `${line.message} while running this case${tail ? `; last stderr:\n${tail}` : ''}`;
      else message = line.message;
      return { type: 'failure', status: 'failed', message, ...(stderr ? { output: stderr } : {}) };
    }
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      msg = undefined;
    }
    const bad = (why: string): CallResult => {
      this.kill();
      return { type: 'failure', status: 'errored', message: `${why}: ${quote(line)}`, ...(stderr ? { output: stderr } : {}) };
    };
    if (!isObject(msg) || typeof msg.ok !== 'boolean') return bad('driver sent garbage instead of a response');
    if (msg.id !== id) return bad(`driver answered id ${JSON.stringify(msg.id)} instead of ${id}`);
    let output = typeof msg.output === 'string' ? msg.output : '';
    if (stderr) output = output ? `${output}\n${stderr}` : stderr;
    if (output.length > this.limits.maxOutputBytes) output = `${output.slice(0, this.limits.maxOutputBytes)}\n… (truncated)`;
    const extra = output ? { output } : {};
    if (msg.ok) return { type: 'response', outcome: { ok: true, value: msg.value ?? null }, ...extra };
    const err = msg.error;
    if (!isObject(err) || typeof err.kind !== 'string') return bad('driver sent an error response without error.kind');
    const message = typeof err.message === 'string' ? err.message : String(err.message ?? '');
    return { type: 'response', outcome: { ok: false, error: { kind: err.kind, message } }, ...extra };
  }

  /** Closes stdin and waits (briefly) for a clean exit; kills the group either way. */
  async close(graceMs = 2000): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.child.stdin!.end();
    const t = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(t);
    killGroup(this.child.pid);
  }

  kill(): void {
    this.dead = true;
    killGroup(this.child.pid);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private nextLine(timeoutMs: number): Promise<string | Error> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(new Error('timed out'));
      }, timeoutMs);
      this.waiter = (line) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(line);
      };
      // a line (or death) may already be waiting
      if (this.stray.length > 0) this.deliver(this.stray.shift()!);
      else if (this.dead && this.exitInfo) this.deliver(new Error(`driver ${this.exitInfo}`));
    });
  }

  private deliver(line: string | Error): void {
    const w = this.waiter;
    if (w) w(line);
    else if (typeof line === 'string') this.stray.push(line);
  }

  private die(reason: Error): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.kill();
    this.dead = true;
    this.deliver(reason);
  }

  private onStdout(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const part = chunk.subarray(start, nl);
      const line = this.pendingSize > 0 ? Buffer.concat([...this.pending, part]).toString('utf8') : part.toString('utf8');
      this.pending = [];
      this.pendingSize = 0;
      start = nl + 1;
      if (line.trim() !== '') this.deliver(line.replace(/\r$/, ''));
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending.push(rest);
      this.pendingSize += rest.length;
      if (this.pendingSize > this.limits.maxLineBytes) {
        const head = Buffer.concat(this.pending).subarray(0, 200).toString('utf8');
        this.pending = [];
        this.pendingSize = 0;
        this.kill();
        this.deliver(new Error(`driver output exceeded ${this.limits.maxLineBytes} bytes without a newline (starts ${quote(head)})`));
      }
    }
  }
}

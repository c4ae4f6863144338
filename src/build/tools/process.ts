// Run a child process for an agent: argv (no shell), scrubbed env supplied by the caller,
// a timeout that kills the whole process group, and output capped head+tail.
import { spawn } from 'node:child_process';

export interface ProcessOptions {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Cap for the combined output kept (head + tail); default 16 KiB. */
  maxOutputBytes?: number;
  /** Cap for stdout kept separately (for parsing); default `maxOutputBytes`. */
  maxStdoutBytes?: number;
  input?: string;
  signal?: AbortSignal;
  /** Grace between SIGTERM and SIGKILL; default 2000 ms. */
  killGraceMs?: number;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** stdout and stderr interleaved as received, capped, with a note when truncated. */
  output: string;
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
  /** Spawn failure (e.g. ENOENT). */
  spawnError?: string;
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

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

export function runProcess(opts: ProcessOptions): Promise<ProcessResult> {
  const cap = opts.maxOutputBytes ?? 16 * 1024;
  const output = new CappedBuffer(cap);
  const stdout = new CappedBuffer(opts.maxStdoutBytes ?? cap);
  const stderr = new CappedBuffer(cap);
  const started = Date.now();
  const [file, ...args] = opts.argv;
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const finish = (r: Omit<ProcessResult, 'output' | 'stdout' | 'stderr' | 'truncated' | 'durationMs' | 'timedOut' | 'aborted'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({
        ...r,
        timedOut,
        aborted,
        output: output.toString(),
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        truncated: output.truncated,
        durationMs: Date.now() - started,
      });
    };
    if (!file) {
      resolve({ exitCode: null, signal: null, timedOut, aborted, output: '', stdout: '', stderr: '', truncated: false, durationMs: 0, spawnError: 'empty argv' });
      return;
    }
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), opts.killGraceMs ?? 2000);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, Math.min(Math.max(1, opts.timeoutMs), 2 ** 31 - 1));
    const onAbort = () => {
      aborted = true;
      stop();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (c: Buffer) => {
      stdout.push(c);
      output.push(c);
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr.push(c);
      output.push(c);
    });
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
    child.on('error', (e) => finish({ exitCode: null, signal: null, spawnError: e.message }));
    // Reap anything the command left running in its group once the leader exits.
    child.on('exit', () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* no stragglers */
      }
    });
    child.on('close', (code, sig) => finish({ exitCode: code, signal: sig }));
  });
}

// Process plumbing shared by drivers and command cases: spawn in a fresh process group (so a
// timeout can kill the whole tree), kill that group, and bounded capture buffers.
import { spawn, type ChildProcess } from 'node:child_process';

/** Every live process group we started; killed if the runner itself exits. */
const live = new Set<number>();
let hooked = false;

function killAll(): void {
  for (const pid of live) killGroup(pid);
}

/**
 * Our process groups do not get the runner's signals, so a runner killed mid-run would leave
 * them behind (a spinning implementation never sees stdin close). Kill them on exit, and on
 * SIGTERM/SIGHUP/SIGINT when nobody else handles those (then die of the signal as before).
 */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAll);
  for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    if (process.listenerCount(sig) > 0) continue;
    const onSignal = () => {
      killAll();
      process.removeListener(sig, onSignal);
      // someone else took over this signal since: leave the decision to them
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

export interface SpawnSpec {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function spawnGroup(spec: SpawnSpec): ChildProcess {
  const [file, ...args] = spec.command;
  if (!file) throw new Error('empty command');
  const child = spawn(file, args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid !== undefined) {
    hookExit();
    live.add(pid);
    // the group may outlive its leader (grandchildren); kill it when the leader goes
    child.once('exit', () => {
      killGroup(pid);
      live.delete(pid);
    });
  }
  // a dead child's stdin must not crash the runner with EPIPE
  child.stdin?.on('error', () => {});
  return child;
}

/** SIGKILL the whole process group led by `pid`. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

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

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`;
}

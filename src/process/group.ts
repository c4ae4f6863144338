// Spawning in a fresh process group, killing that group, and killing every group we started
// when ghost itself exits. Jailed (bubblewrap, own PID namespace, --die-with-parent) that is
// all it takes: killing bwrap ends the namespace, and bwrap dies with ghost. Unjailed, a child
// that calls setsid() leaves the group; such children are found by a tag in their environment
// (GHOST_PROCESS_TAG, inherited unless they scrub it) when a tree is killed at its deadline and
// when ghost exits. Nothing can clean up after a `kill -9` of an unjailed ghost.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** Every live process group we started; killed if ghost itself exits. */
const live = new Set<number>();
/** Leader pid → the tag its (unjailed) tree carries; kept after exit for the final sweep. */
const tags = new Map<number, string>();
let hooked = false;
const TAG_VAR = 'GHOST_PROCESS_TAG';

function killAll(): void {
  for (const pid of live) killGroup(pid);
  killTagged(new Set(tags.values()));
}

/** SIGKILLs every process whose environment carries one of `wanted` (Linux /proc). */
function killTagged(wanted: Set<string>): void {
  if (wanted.size === 0 || process.platform !== 'linux') return;
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return;
  }
  const key = `${TAG_VAR}=`;
  for (const p of pids) {
    if (p.charCodeAt(0) < 48 || p.charCodeAt(0) > 57) continue;
    let env: string;
    try {
      env = readFileSync(`/proc/${p}/environ`, 'latin1');
    } catch {
      continue;
    }
    const i = env.indexOf(key);
    if (i < 0) continue;
    const end = env.indexOf('\0', i);
    if (!wanted.has(env.slice(i + key.length, end < 0 ? undefined : end))) continue;
    try {
      process.kill(Number(p), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/**
 * Our process groups do not get ghost's signals, so ghost killed mid-run would leave them
 * behind (a spinning implementation never sees stdin close). Kill them on exit, and on
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

export interface GroupSpawn {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdio?: Array<'pipe' | 'ignore'>;
  /** Tag the tree's environment so setsid() escapees can be found (unjailed runs). */
  tag?: boolean;
  /** Written to the child's fd 3, then closed (bubblewrap reads its arguments there). */
  fd3?: Buffer;
}

/** Spawns `argv` as the leader of a new process group; the group dies with its leader. */
export function spawnGroup(spec: GroupSpawn): ChildProcess {
  const [file, ...args] = spec.argv;
  if (!file) throw new Error('empty argv');
  const tag = spec.tag ? randomUUID() : undefined;
  const env = tag ? { ...spec.env, [TAG_VAR]: tag } : spec.env;
  const stdio = spec.stdio ?? ['pipe', 'pipe', 'pipe'];
  const child = spawn(file, args, { cwd: spec.cwd, env, detached: true, stdio: spec.fd3 ? [...stdio, 'pipe'] : stdio });
  if (spec.fd3) {
    const fd3 = child.stdio[3] as Writable | null;
    fd3?.on('error', () => {});
    // written and closed at once: nothing the child could send back on it is ever read
    fd3?.end(spec.fd3, () => fd3.destroy());
  }
  const pid = child.pid;
  if (pid !== undefined) {
    hookExit();
    live.add(pid);
    if (tag) tags.set(pid, tag);
    // the group may outlive its leader (grandchildren); kill it when the leader goes
    child.once('exit', () => {
      killGroup(pid);
      live.delete(pid);
    });
  }
  // a dead child's stdin must not crash ghost with EPIPE
  child.stdin?.on('error', () => {});
  return child;
}

/** Sends `sig` (default SIGKILL) to the whole process group led by `pid`. */
export function killGroup(pid: number | undefined, sig: NodeJS.Signals = 'SIGKILL'): void {
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

/** Kills the tree led by `pid`: its group and, unjailed, whatever escaped it with setsid(). */
export function killTree(pid: number | undefined): void {
  killGroup(pid);
  const tag = pid === undefined ? undefined : tags.get(pid);
  if (tag) killTagged(new Set([tag]));
}

// Spawning in a fresh process group, killing that group, and killing every group we started
// when ghost itself exits. Unjailed, this is the best the OS offers: a child that calls
// setsid() leaves the group and survives a group kill, and nothing survives a `kill -9` of
// ghost except the groups themselves. Jailed (bubblewrap, own PID namespace, --die-with-parent)
// neither escape exists: killing bwrap ends the namespace, and bwrap dies with ghost.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

/** Every live process group we started; killed if ghost itself exits. */
const live = new Set<number>();
let hooked = false;

function killAll(): void {
  for (const pid of live) killGroup(pid);
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
  stdio?: StdioOptions;
}

/** Spawns `argv` as the leader of a new process group; the group dies with its leader. */
export function spawnGroup(spec: GroupSpawn): ChildProcess {
  const [file, ...args] = spec.argv;
  if (!file) throw new Error('empty argv');
  const child = spawn(file, args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: spec.stdio ?? ['pipe', 'pipe', 'pipe'] });
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

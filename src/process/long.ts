// Long-lived children (conformance drivers): spawned once, spoken to over stdin/stdout by the
// caller, killed as a whole tree. The caller owns the protocol; this owns the process.
import type { ChildProcess } from 'node:child_process';
import { killTree, spawnGroup } from './group.js';
import type { Isolation } from './jail.js';
import { resolveSpawn, type SpawnOptions } from './spawn-spec.js';

export type LongOptions = SpawnOptions;

export interface LongProcess {
  /** stdin, stdout and stderr are pipes. */
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  readonly isolation: Isolation;
  /** SIGKILL the whole tree (jailed: bwrap, hence the PID namespace). */
  kill(): void;
  readonly exited: boolean;
}

/** Throws only for an empty argv; a failed spawn arrives as the child's 'error' event. */
export function spawnLong(opts: LongOptions): LongProcess {
  const spec = resolveSpawn(opts);
  const child = spawnGroup({
    argv: spec.argv,
    cwd: spec.cwd,
    env: spec.env,
    tag: spec.isolation === 'none',
    ...(spec.fd3 ? { fd3: spec.fd3 } : {}),
  });
  return {
    child,
    pid: child.pid,
    isolation: spec.isolation,
    kill() {
      killTree(child.pid);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
  };
}

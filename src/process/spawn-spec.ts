// From a caller's options to what is actually spawned: the allow-listed environment and, when
// jailed, the bubblewrap argv. Both runProcess and spawnLong go through here.
import { allowListedEnv } from './env.js';
import { bwrapArgs, bwrapPath, jailPath, planJail, runtimeEnv, type Isolation, type JailOptions } from './jail.js';
import { JAIL_HOME } from './runtimes.js';

export interface SpawnOptions {
  argv: string[];
  cwd: string;
  /**
   * Variables set for the child on top of the allow-list base (PATH, HOME, LANG, LC_*, TZ,
   * TERM); `undefined` removes one. Never pass ghost's whole environment here.
   */
  env?: Record<string, string | undefined>;
  /** Names copied from ghost's environment besides the allow-list (the user's allowances). */
  envAllow?: readonly string[];
  /** Run inside bubblewrap with these binds; absent: unjailed (the caller decided). */
  jail?: JailOptions;
}

export interface Spawnable {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  isolation: Isolation;
  /**
   * bubblewrap's own arguments, NUL-separated, for the child's fd 3 (`bwrap --args 3`): so the
   * jail's /proc/1/cmdline shows no bind paths (where the runtime, the driver and the masked
   * spec files lie), only the command.
   */
  fd3?: Buffer;
}

export function resolveSpawn(o: SpawnOptions): Spawnable {
  if (!o.jail) {
    return {
      argv: o.argv,
      cwd: o.cwd,
      env: allowListedEnv({ set: o.env ?? {}, allow: o.envAllow ?? [] }),
      isolation: 'none',
    };
  }
  const env = allowListedEnv({
    set: { TMPDIR: '/tmp', ...runtimeEnv(o.jail), ...(o.env ?? {}) },
    allow: o.envAllow ?? [],
    path: jailPath(o.jail),
    home: JAIL_HOME,
  });
  // the jail's PATH and HOME win over anything a caller copied from outside
  env.PATH = jailPath(o.jail);
  env.HOME = JAIL_HOME;
  const args = bwrapArgs(planJail(o.jail, o.cwd));
  return {
    argv: [bwrapPath(), '--args', '3', '--', ...o.argv],
    cwd: o.cwd,
    env,
    isolation: 'bubblewrap',
    fd3: Buffer.from(`${args.join('\0')}\0`),
  };
}

// Child processes, in one place: the lowest layer, imported by conformance and build.
//
//   runProcess(opts)  one-shot: deadline, capped output, typed failure; never throws
//   spawnLong(opts)   a persistent child (drivers): pipes + kill-the-tree
//   both take { argv, cwd, env (set on top of an allow-list), envAllow, jail?: JailOptions }
//   probeJail()       can bubblewrap jail here? (cached)
//   isolationFor(m)   'auto' | 'bubblewrap' | 'none' → what to use, with a reason when degraded
export { BoundedBuffer, CappedBuffer, lastLines } from './buffers.js';
export { allowListedEnv, isAlwaysAllowed, type EnvSpec } from './env.js';
export { describeExit, describeFailure, type ProcessFailure, type ProcessFailureKind } from './failure.js';
export { killGroup } from './group.js';
export {
  bwrapArgs,
  bwrapPath,
  jailArgv,
  planJail,
  probeJail,
  type Isolation,
  type JailOptions,
  type JailPlan,
  type JailProbe,
} from './jail.js';
export { spawnLong, type LongOptions, type LongProcess } from './long.js';
export { runProcess, type ProcessResult, type RunProcessOptions } from './run.js';
export {
  JAIL_GHOST_ROOT,
  JAIL_HOME,
  esbuildCli,
  runtimeBinds,
  which,
  type RuntimeBinds,
} from './runtimes.js';
export { resolveSpawn, type SpawnOptions } from './spawn-spec.js';
export { isolationFor, JailUnavailableError, type IsolationChoice, type IsolationMode } from './isolation.js';

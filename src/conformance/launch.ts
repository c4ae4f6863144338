// How an implementation's processes are started, in one place for the runner and the fuzzer:
// the language's driver, the allow-listed environment, and the jail (or none, said out loud).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Spec } from '../spec/types.js';
import { UserError } from '../util/errors.js';
import {
  isolationFor,
  JailUnavailableError,
  type Isolation,
  type IsolationChoice,
  type JailOptions,
  type SpawnOptions,
} from '../process/index.js';
import { defaultProgram } from './command.js';
import type { Implementation } from './detect.js';
import { driverCommand, driverEnv, handshakeTimeoutMs, implementationJail } from './drivers.js';
import { DriverProcess, MAX_LINE_BYTES, MAX_OUTPUT_BYTES } from './driver-process.js';
import type { Driver } from './pool.js';
import { buildRustHarness, type RustBuild } from './rust-driver.js';
import type { RunOptions } from './types.js';

/** Extra knobs beyond the contract (tests, the benchmark, custom drivers). */
export interface RunnerExtras {
  /** Start this argv instead of the language's bundled driver. */
  driverCommand?: string[];
  /** Default: timeoutMs plus the language's start-up allowance (drivers.ts; Java compiles first). */
  handshakeTimeoutMs?: number;
  /** Default 16 MiB (a protocol line / a command's stdout). */
  maxLineBytes?: number;
  /** Default 64 KiB (captured output per case). */
  maxOutputBytes?: number;
  /**
   * Requests written ahead to each driver (default 32; 1 = strictly one at a time). Drivers
   * read and answer one request at a time, so this only hides the round-trip latency.
   */
  pipeline?: number;
  /** Replaces the driver process entirely (benchmarks, embedding); `driverCommand` is ignored. */
  startDriver?: () => Promise<Driver>;
}

export interface Launcher {
  isolation: Isolation;
  /** Starts one persistent driver serving the spec's functions. */
  startDriver: () => Promise<Driver>;
  /** The program command cases run (ghost.json `command`, else the language's default), if any. */
  program: string[] | undefined;
  /** A program run (command cases), jailed like the driver. */
  caseSpawn: (argv: string[]) => SpawnOptions;
  /** The program's build step (ghost.json `build`, else the language's default), if any. */
  build: string[] | undefined;
  /** The implementation's own build step: the only time its directory is writable. */
  buildSpawn: (argv: string[]) => SpawnOptions;
  limits: { maxLineBytes: number; maxOutputBytes: number };
}

/** `auto` unless told; `--sandbox` (the old flag) insists on the jail. */
function chooseIsolation(options: Pick<RunOptions, 'isolation' | 'sandbox'>): IsolationChoice {
  const mode = options.isolation ?? (options.sandbox ? 'bubblewrap' : 'auto');
  try {
    return isolationFor(mode);
  } catch (e) {
    if (e instanceof JailUnavailableError)
      throw new UserError(`--sandbox needs bubblewrap: apt-get install bubblewrap (${e.reason})`);
    throw e;
  }
}

export function launcher(
  spec: Spec,
  impl: Implementation,
  functions: string[],
  options: Partial<RunOptions> & RunnerExtras,
): Launcher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const limits = {
    maxLineBytes: options.maxLineBytes ?? MAX_LINE_BYTES,
    maxOutputBytes: options.maxOutputBytes ?? MAX_OUTPUT_BYTES,
  };
  const choice = chooseIsolation(options);
  const jailed = choice.isolation === 'bubblewrap';
  if (choice.degraded)
    options.onWarning?.(
      `running unjailed: ${choice.degraded} (install bubblewrap and allow user namespaces to jail implementations; docs/security.md)`,
    );
  const { env, envAllow } = driverEnv(impl, functions, options.envAllow);
  const spawnFor = (argv: string[], jail: JailOptions | undefined): SpawnOptions => ({
    argv,
    cwd: impl.dir,
    env,
    envAllow,
    ...(jail ? { jail } : {}),
  });
  // a custom driver named by path (tests, embedders) is bound read-only where it lies
  const driverFiles = (options.driverCommand ?? []).filter((a) => path.isAbsolute(a) && existsSync(a));
  const withDriver = (j: JailOptions): JailOptions => ({ ...j, readOnly: [...(j.readOnly ?? []), ...driverFiles] });
  const caseJail = jailed ? withDriver(implementationJail(impl, spec)) : undefined;
  const buildJail = jailed ? implementationJail(impl, spec, { writable: true }) : undefined;
  // an implementation that hangs at import fails after --timeout plus the language's start-up allowance
  const handshakeMs = options.handshakeTimeoutMs ?? handshakeTimeoutMs(impl.language, timeoutMs, jailed);
  // Rust is compiled (once, cached by content hash) into a binary that is the driver itself.
  const compiled = !options.startDriver && !options.driverCommand && impl.language === 'rust';
  let rust: Promise<RustBuild> | undefined;
  const compileJail = (writable: string[]): JailOptions | undefined =>
    jailed ? { ...implementationJail(impl, spec), runtimes: ['rust'], writable } : undefined;
  const rustDriver = async (): Promise<Driver> => {
    rust ??= buildRustHarness({
      implDir: impl.dir,
      entry: impl.entry,
      names: impl.names,
      functions: spec.functions.filter((f) => functions.includes(f.name)),
      env,
      spawn: (argv, cwd, cargoEnv, writable) => ({
        argv,
        cwd,
        env: cargoEnv,
        envAllow,
        ...(jailed ? { jail: compileJail(writable) as JailOptions } : {}),
      }),
    });
    const { binary } = await rust;
    const jail = caseJail ? { ...caseJail, readOnly: [...(caseJail.readOnly ?? []), binary] } : undefined;
    return DriverProcess.start(spawnFor([binary], jail), handshakeMs, limits);
  };
  const startDriver =
    options.startDriver ??
    (compiled
      ? rustDriver
      : () =>
          DriverProcess.start(
            spawnFor(options.driverCommand ?? driverCommand(impl.language, jailed), caseJail),
            handshakeMs,
            limits,
          ));
  // a default build only for a default program: a ghost.json `command` runs what it says
  const byDefault = impl.command ? {} : defaultProgram(impl.language, impl.entry, jailed, impl.dir);
  return {
    isolation: choice.isolation,
    startDriver,
    program: impl.command ?? byDefault.command,
    build: impl.build ?? byDefault.build,
    caseSpawn: (argv) => spawnFor(argv, caseJail),
    buildSpawn: (argv) => spawnFor(argv, buildJail),
    limits,
  };
}

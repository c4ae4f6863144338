// ghost's own record of a build, kept where the agents cannot reach: a directory next to the
// build repo, `<parent>/.<name>.ghost-state/` (the jail binds only the repo, so agent commands
// and agent CLIs never see it). It holds
//   state.json  the authoritative checkpoint: the BuildState and the commit ghost made for it;
//   lock        the pid of the ghost build working in the repo now.
// The `.ghost/state.json` committed in the repo is a copy for people; ghost never reads it back.
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { buildStateProblems } from './report-schema.js';
import type { BuildState } from './types.js';

export interface StatePaths {
  dir: string;
  stateFile: string;
  lockFile: string;
}

export function statePaths(outDir: string): StatePaths {
  const abs = path.resolve(outDir);
  const dir = path.join(path.dirname(abs), `.${path.basename(abs)}.ghost-state`);
  return { dir, stateFile: path.join(dir, 'state.json'), lockFile: path.join(dir, 'lock') };
}

/** The authoritative checkpoint: the state as of commit `head`, which ghost made. */
export interface Checkpoint {
  checkpointVersion: 1;
  outDir: string;
  head: string;
  state: BuildState;
}

export async function hasStateDir(outDir: string): Promise<boolean> {
  return (await stat(statePaths(outDir).dir).catch(() => undefined))?.isDirectory() === true;
}

/** The last checkpoint, or undefined when the build never finished a step. Corrupt → UserError naming the file. */
export async function readCheckpoint(outDir: string): Promise<Checkpoint | undefined> {
  const { stateFile } = statePaths(outDir);
  let text: string;
  try {
    text = await readFile(stateFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read the build state ${stateFile}: ${(e as Error).message}`);
  }
  const corrupt = (why: string) =>
    new UserError(`${stateFile}: corrupt build state (${why}); start the build over with --force`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw corrupt(`not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null) throw corrupt('not an object');
  const cp = v as Partial<Checkpoint>;
  if (cp.checkpointVersion !== 1) throw corrupt('unknown checkpointVersion');
  if (typeof cp.head !== 'string' || !/^[0-9a-f]{40,64}$/.test(cp.head)) throw corrupt('head is not a commit id');
  const problems = buildStateProblems(cp.state);
  if (problems) throw corrupt(problems);
  return cp as Checkpoint;
}

export async function writeCheckpoint(outDir: string, head: string, state: BuildState): Promise<void> {
  const { dir, stateFile } = statePaths(outDir);
  await mkdir(dir, { recursive: true });
  const cp: Checkpoint = { checkpointVersion: 1, outDir: path.resolve(outDir), head, state };
  // Write then rename: a kill -9 leaves either the old checkpoint or the new one, never half.
  await writeFile(`${stateFile}.tmp`, `${JSON.stringify(cp, null, 2)}\n`);
  await rename(`${stateFile}.tmp`, stateFile);
}

interface LockInfo {
  pid: number;
  /** /proc/<pid>/stat start time, so a recycled pid is not taken for the holder. */
  start?: string;
  host: string;
  since: string;
}

function procStart(pid: number): string | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function holderAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true; // cannot tell: assume it runs
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = procStart(info.pid);
  return info.start === undefined || start === undefined || start === info.start;
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the build lock of `outDir` (creating the state directory, which also marks the repo as
 * ghost's). A live holder → UserError naming its pid; a dead one (kill -9) is taken over.
 * Returns the release function; the lock is also dropped if the process exits normally.
 */
export async function acquireBuildLock(outDir: string): Promise<() => void> {
  const { dir, lockFile } = statePaths(outDir);
  await mkdir(dir, { recursive: true });
  const me: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const start = procStart(process.pid);
  if (start) me.start = start;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.writeFile(`${JSON.stringify(me)}\n`);
      await fh.close();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (parseLock(readFileSync(lockFile, 'utf8'))?.pid === me.pid) unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = parseLock(await readFile(lockFile, 'utf8').catch(() => ''));
    if (holder && holderAlive(holder)) {
      throw new UserError(
        `${path.resolve(outDir)} is in use by another ghost build (pid ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ''}, since ${holder.since}); ` +
          `wait for it to end or stop it (lock: ${lockFile})`,
      );
    }
    await unlink(lockFile).catch(() => undefined); // stale: its holder died
  }
  throw new UserError(`could not take the build lock ${lockFile}; remove it if no ghost build is running`);
}

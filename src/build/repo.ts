// The build repository: a fresh git repo where every finished step is a commit, so that a
// crash loses at most the step in flight. Which commit is the last finished step is ghost's
// own record (state.ts), not whatever HEAD says: `--resume` and every checkpoint go back to
// it, so commits an agent makes itself never become part of the build.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import { ghostGit, type Git } from './git.js';
import { acquireBuildLock, hasStateDir, readCheckpoint, statePaths, type Checkpoint } from './state.js';

export type Trailers = Record<string, string>;

export interface BuildRepo {
  dir: string;
  git: Git;
  /** The last commit ghost made (its latest checkpoint); '' before the first. */
  head: string;
  /** Drops the build lock. */
  release: () => void;
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) throw new UserError(`--out ${dir} exists and is not a directory`);
  return (await readdir(dir)).length === 0;
}

/** A repo made by ghost before state lived outside it (only --force may replace it). */
async function hasLegacyState(dir: string): Promise<boolean> {
  return (
    (await stat(`${dir}/.git`).catch(() => undefined)) !== undefined &&
    (await stat(`${dir}/.ghost/state.json`).catch(() => undefined)) !== undefined
  );
}

/** Whether `dir` is a build repo ghost made (its state directory exists), so --force may replace it. */
export async function hasBuildState(dir: string): Promise<boolean> {
  return (await hasStateDir(dir)) || (await hasLegacyState(dir));
}

export interface OpenedRepo {
  repo: BuildRepo;
  /** Resume: the checkpoint to continue from (undefined: start over, nothing had finished). */
  checkpoint?: Checkpoint;
}

/**
 * Opens (resume) or creates the build repo under the build lock; refuses to write into someone's
 * non-empty directory. On resume the repo is put back exactly at ghost's last checkpoint.
 */
export async function openBuildRepo(dir: string, mode: { resume: boolean; force: boolean }): Promise<OpenedRepo> {
  const ours = await hasBuildState(dir);
  const legacy = !(await hasStateDir(dir)) && (await hasLegacyState(dir));
  if (mode.resume && !ours) {
    throw new UserError(`--resume: ${dir} holds no ghost build to resume (no ${statePaths(dir).dir})`);
  }
  if (!mode.resume && !(await isEmptyDir(dir))) {
    if (!mode.force) {
      throw new UserError(
        `${dir} is not empty; pass --resume to continue a build there, --force to start over in it, or choose --out`,
      );
    }
    // --force starts over, but only ever deletes what ghost made: a previous build repo.
    if (!ours)
      throw new UserError(
        `--force: ${dir} is not a ghost build repo (no ${statePaths(dir).dir}); remove it yourself or choose --out`,
      );
  }
  const release = await acquireBuildLock(dir);
  try {
    if (mode.resume) {
      if (legacy) {
        throw new UserError(
          `--resume: ${dir} was made by an earlier ghost that kept its state in the repo, where agents can change it; start over with --force`,
        );
      }
      const checkpoint = await readCheckpoint(dir);
      if (checkpoint) {
        const repo: BuildRepo = { dir, git: ghostGit(dir), head: checkpoint.head, release };
        await restoreCheckpoint(repo);
        return { repo, checkpoint };
      }
      // Killed before the first step was recorded: nothing to keep, start over.
    }
    await rm(statePaths(dir).stateFile, { force: true });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const git = ghostGit(dir);
    await git(['init', '-q']);
    await git(['checkout', '-q', '-B', 'main']);
    return { repo: { dir, git, head: '', release } };
  } catch (e) {
    release();
    throw e;
  }
}

/** Back to ghost's last checkpoint: branch, index and tree; untracked files the agents left go too. */
async function restoreCheckpoint(repo: BuildRepo): Promise<void> {
  try {
    await repo.git(['cat-file', '-e', `${repo.head}^{commit}`]);
  } catch {
    throw new UserError(
      `${repo.dir}: the commit ${repo.head} recorded in ${statePaths(repo.dir).stateFile} is missing; start over with --force`,
    );
  }
  await repo.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  await resetToHead(repo);
}

export function formatMessage(subject: string, trailers: Trailers = {}): string {
  const lines = Object.entries(trailers).map(([k, v]) => `${k}: ${v}`);
  return lines.length ? `${subject}\n\n${lines.join('\n')}\n` : `${subject}\n`;
}

/** Commits the tree as it is on top of ghost's last checkpoint (commits an agent made are folded in). */
export async function commitAll(repo: BuildRepo, subject: string, trailers: Trailers = {}): Promise<string> {
  if (repo.head) {
    await repo.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
    await repo.git(['reset', '-q', '--soft', repo.head]);
  }
  await repo.git(['add', '-A']);
  await repo.git(['commit', '-q', '--no-verify', '--allow-empty', '-m', formatMessage(subject, trailers)]);
  repo.head = (await repo.git(['rev-parse', 'HEAD'])).trim();
  return repo.head;
}

/** Paths changed since the last commit (tracked or not). */
export async function changedPaths(repo: BuildRepo): Promise<string[]> {
  const out = await repo.git(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  return out
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
}

/** Drops whatever an interrupted step left behind, back to ghost's last checkpoint. */
export async function resetToHead(repo: BuildRepo): Promise<void> {
  await repo.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  await repo.git(['reset', '-q', '--hard', repo.head || 'HEAD']);
  await repo.git(['clean', '-q', '-fd']);
}

export async function trackedFiles(repo: BuildRepo): Promise<string[]> {
  const out = await repo.git(['ls-files', '-z']);
  return out.split('\0').filter(Boolean);
}

export async function treeHash(repo: BuildRepo): Promise<string> {
  return (await repo.git(['rev-parse', 'HEAD^{tree}'])).trim();
}

/** Diff since `rev` without the build's own bookkeeping, truncated for a prompt. */
export async function diffSince(
  repo: BuildRepo,
  rev: string,
  maxChars = 60_000,
): Promise<{ stat: string; patch: string }> {
  const args = ['--no-ext-diff', '--no-textconv', rev, 'HEAD', '--', '.', ':(exclude).ghost'];
  const statText = await repo.git(['diff', '--stat', ...args]);
  let patch = await repo.git(['diff', ...args]);
  if (patch.length > maxChars) patch = `${patch.slice(0, maxChars)}\n… (diff truncated at ${maxChars} characters)`;
  return { stat: statText.trim(), patch };
}

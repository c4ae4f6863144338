// The build repository: a fresh git repo where every finished step is a commit, so that a
// crash loses at most the step in flight and `--resume` can start from HEAD.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../util/errors.js';

export type Trailers = Record<string, string>;

export interface BuildRepo {
  dir: string;
  git: SimpleGit;
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) throw new UserError(`--out ${dir} exists and is not a directory`);
  return (await readdir(dir)).length === 0;
}

export async function hasBuildState(dir: string): Promise<boolean> {
  return (await stat(`${dir}/.git`).catch(() => undefined)) !== undefined &&
    (await stat(`${dir}/.ghost/state.json`).catch(() => undefined)) !== undefined;
}

/** Opens (resume) or creates the build repo; refuses to write into someone's non-empty directory. */
export async function openBuildRepo(dir: string, mode: { resume: boolean; force: boolean }): Promise<BuildRepo> {
  const empty = await isEmptyDir(dir);
  if (mode.resume) {
    if (!(await hasBuildState(dir))) {
      throw new UserError(`--resume: ${dir} holds no ghost build to resume (no .ghost/state.json committed)`);
    }
    return { dir, git: simpleGit(dir) };
  }
  if (!empty) {
    if (!mode.force) {
      throw new UserError(
        `${dir} is not empty; pass --resume to continue a build there, --force to start over in it, or choose --out`,
      );
    }
    // --force starts over, but only ever deletes what ghost made: a previous build repo.
    if (!(await hasBuildState(dir))) {
      throw new UserError(`--force: ${dir} is not a ghost build repo (no .ghost/state.json); remove it yourself or choose --out`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  const git = simpleGit(dir);
  await git.init();
  // A local identity and no signing: the build must not depend on (or alter) the user's git setup.
  await git.addConfig('user.name', 'ghost', false, 'local');
  await git.addConfig('user.email', 'ghost@localhost', false, 'local');
  await git.addConfig('commit.gpgsign', 'false', false, 'local');
  await git.raw(['checkout', '-q', '-B', 'main']);
  return { dir, git };
}

export function formatMessage(subject: string, trailers: Trailers = {}): string {
  const lines = Object.entries(trailers).map(([k, v]) => `${k}: ${v}`);
  return lines.length ? `${subject}\n\n${lines.join('\n')}\n` : `${subject}\n`;
}

export async function commitAll(repo: BuildRepo, subject: string, trailers: Trailers = {}): Promise<string> {
  await repo.git.add(['-A']);
  const result = await repo.git.commit(formatMessage(subject, trailers), undefined, { '--allow-empty': null });
  return result.commit || (await head(repo));
}

export async function head(repo: BuildRepo): Promise<string> {
  return (await repo.git.revparse(['HEAD'])).trim();
}

/** Paths changed since the last commit (tracked or not). */
export async function changedPaths(repo: BuildRepo): Promise<string[]> {
  const out = await repo.git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  return out.split('\0').filter((e) => e.length > 3).map((e) => e.slice(3));
}

/** Drops whatever an interrupted step left behind, back to the last committed step. */
export async function resetToHead(repo: BuildRepo): Promise<void> {
  await repo.git.raw(['reset', '-q', '--hard', 'HEAD']);
  await repo.git.raw(['clean', '-q', '-fd']);
}

export async function trackedFiles(repo: BuildRepo): Promise<string[]> {
  const out = await repo.git.raw(['ls-files', '-z']);
  return out.split('\0').filter(Boolean);
}

export async function treeHash(repo: BuildRepo): Promise<string> {
  return (await repo.git.revparse(['HEAD^{tree}'])).trim();
}

/** Diff since `rev` without the build's own bookkeeping, truncated for a prompt. */
export async function diffSince(repo: BuildRepo, rev: string, maxChars = 60_000): Promise<{ stat: string; patch: string }> {
  const paths = ['--', '.', ':(exclude).ghost'];
  const statText = await repo.git.raw(['diff', '--stat', rev, 'HEAD', ...paths]);
  let patch = await repo.git.raw(['diff', rev, 'HEAD', ...paths]);
  if (patch.length > maxChars) patch = `${patch.slice(0, maxChars)}\n… (diff truncated at ${maxChars} characters)`;
  return { stat: statText.trim(), patch };
}

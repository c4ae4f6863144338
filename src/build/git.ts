// Every git command ghost runs in a build repo. The repo is the agent's workplace, so
// nothing in it may decide what ghost's git does: before each command ghost puts back its
// own `.git/config` (dropping planted aliases, filters, fsmonitor, hooksPath, includes,
// worktree and alternates tricks), and each command runs with `-c` overrides that repo
// config cannot beat (hooks off, fsmonitor off, no pager, no signing), with no system or
// global config, and with an environment that carries little more than PATH.
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { UserError } from '../util/errors.js';
import { LAST_MESSAGE_FILE, PROMPT_FILE } from './agents/index.js';
import { GATE_DIR, REPORT_HTML } from './report-files.js';
import { SESSIONS_DIR } from './sessions.js';

/** Runs `git <args>` in the build repo and returns its stdout. */
export type Git = (args: string[]) => Promise<string>;

/** ghost's `.git/config`; whatever else was there is dropped before every command. */
export const GHOST_GIT_CONFIG = [
  '[core]',
  '\trepositoryformatversion = 0',
  '\tfilemode = true',
  '\tbare = false',
  '\tlogallrefupdates = true',
  '[user]',
  '\tname = ghost',
  '\temail = ghost@localhost',
  '[commit]',
  '\tgpgsign = false',
  '',
].join('\n');

/** `-c` settings: command-line config wins over every config file. */
function overrides(dir: string): string[] {
  return [
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'core.untrackedCache=false',
    'core.attributesFile=/dev/null',
    'core.excludesFile=/dev/null',
    'core.pager=cat',
    'core.autocrlf=false',
    'commit.gpgSign=false',
    'tag.gpgSign=false',
    'log.showSignature=false',
    'color.ui=false',
    'gc.auto=0',
    'maintenance.auto=false',
    'protocol.allow=never',
    'user.name=ghost',
    'user.email=ghost@localhost',
    'init.defaultBranch=main',
    `safe.directory=${dir}`,
  ];
}

/** The environment for git: PATH and little else of the user's (no GIT_*, EDITOR, PAGER, SSH_*), no system/global config. */
function gitEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return {
    ...env,
    // Never discover a repository: with the build's .git gone, git would find the user's project around it.
    GIT_DIR: path.join(dir, '.git'),
    GIT_WORK_TREE: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
}

/**
 * Puts ghost's control files back in `<dir>/.git`: the config and info/exclude, and no
 * alternates, no info/attributes, no linked-worktree pointers. A `.git` that is no longer a
 * directory (replaced by a symlink or a gitfile) is refused: ghost cannot tell what it points to.
 */
export async function restoreGitControl(dir: string, beforeInit = false): Promise<void> {
  const gitDir = path.join(dir, '.git');
  const info = await lstat(gitDir).catch(() => undefined);
  if (!info) {
    if (!beforeInit) throw new UserError(`${gitDir} is gone; start over with --force`);
    return;
  }
  if (!info.isDirectory()) {
    throw new UserError(
      `${gitDir} is not ghost's git directory any more (it is a ${info.isSymbolicLink() ? 'symlink' : 'file'}); start over with --force`,
    );
  }
  const config = path.join(gitDir, 'config');
  // Write then rename: a planted symlink at .git/config is replaced, never followed.
  await writeFile(`${config}.ghost-tmp`, GHOST_GIT_CONFIG);
  await rename(`${config}.ghost-tmp`, config);
  for (const f of ['info/attributes', 'objects/info/alternates', 'commondir', 'config.worktree']) {
    await rm(path.join(gitDir, f), { force: true, recursive: true });
  }
  // Only the agent CLIs' scratch files and the build's own notes for people (transcripts,
  // per-case gate results, the HTML report) are excluded; an agent must not hide its files from a commit.
  const exclude = path.join(gitDir, 'info', 'exclude');
  const infoDir = await lstat(path.dirname(exclude)).catch(() => undefined);
  if (infoDir && !infoDir.isDirectory()) await rm(path.dirname(exclude), { force: true }); // a planted symlink
  await mkdir(path.dirname(exclude), { recursive: true });
  const excluded = [PROMPT_FILE, LAST_MESSAGE_FILE, `${SESSIONS_DIR}/`, `${GATE_DIR}/`, REPORT_HTML];
  await writeFile(`${exclude}.ghost-tmp`, excluded.map((p) => `/${p}\n`).join(''));
  await rename(`${exclude}.ghost-tmp`, exclude);
}

/**
 * One git command at a time per repo: each first rewrites `.git/config` and the excludes
 * through the same temporary files, and git itself takes the index lock. A repo's entry goes
 * when its queue drains, so a long-lived process (many builds, tests) does not keep one per repo.
 */
const queues = new Map<string, Promise<unknown>>();

/** How many repos have git commands queued or running (for tests). */
export function busyGitRepos(): number {
  return queues.size;
}

/** A git for one build repo, hardened as described above. */
export function ghostGit(dir: string): Git {
  const abs = path.resolve(dir);
  const run = async (args: string[]): Promise<string> => {
    await restoreGitControl(abs, args[0] === 'init');
    const git = simpleGit({
      baseDir: abs,
      config: overrides(abs),
      // These are ghost's own values for the settings simple-git guards; nothing here comes from the repo.
      unsafe: {
        allowUnsafeHooksPath: true,
        allowUnsafeFsMonitor: true,
        allowUnsafePager: true,
        allowUnsafeConfigPaths: true,
        allowUnsafeProtocolOverride: true,
      },
    }).env(gitEnv(abs));
    return git.raw(args);
  };
  return (args) => {
    const next = (queues.get(abs) ?? Promise.resolve()).catch(() => undefined).then(() => run(args));
    queues.set(abs, next);
    const prune = () => {
      if (queues.get(abs) === next) queues.delete(abs);
    };
    next.then(prune, prune);
    return next;
  };
}

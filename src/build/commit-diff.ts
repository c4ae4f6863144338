// What build commits changed, for the reports: diffstats and patches, without the build's own
// .ghost/ bookkeeping, one git call for any number of commits. External diff drivers and
// textconv stay off: the repo's .gitattributes are agent-written.
import type { BuildRepo } from './repo.js';
import type { DiffStat } from './types.js';

const SAFE = ['--no-ext-diff', '--no-textconv', '--no-color'];
const WITHOUT_BOOKKEEPING = ['--', '.', ':(exclude).ghost'];
// A NUL cannot occur in git's text output, so it safely marks where each commit starts.
const COMMIT_MARK = '--format=%x00%H';

/** `git show` of several commits, split into each commit's output. */
async function showEach(
  repo: Pick<BuildRepo, 'git'>,
  commits: readonly string[],
  args: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(commits.filter(Boolean))];
  // A commit that changed nothing outside .ghost/ prints nothing at all under the pathspec.
  const out = new Map<string, string>(unique.map((c) => [c, '']));
  if (unique.length === 0) return out;
  const text = await repo.git(['show', ...SAFE, COMMIT_MARK, ...args, ...unique, ...WITHOUT_BOOKKEEPING]);
  for (const chunk of text.split('\0').slice(1)) {
    const nl = chunk.indexOf('\n');
    const hash = nl === -1 ? chunk : chunk.slice(0, nl);
    out.set(hash, nl === -1 ? '' : chunk.slice(nl + 1).replace(/^\n/, ''));
  }
  return out;
}

/** Files and lines each commit changed (binary files count as a file, not lines). */
export async function commitDiffStats(
  repo: Pick<BuildRepo, 'git'>,
  commits: readonly string[],
): Promise<Map<string, DiffStat>> {
  const stats = new Map<string, DiffStat>();
  for (const [hash, text] of await showEach(repo, commits, ['--numstat'])) {
    const stat = { files: 0, insertions: 0, deletions: 0 };
    for (const line of text.split('\n')) {
      const m = /^(\d+|-)\t(\d+|-)\t/.exec(line);
      if (!m) continue;
      stat.files += 1;
      stat.insertions += m[1] === '-' ? 0 : Number(m[1]);
      stat.deletions += m[2] === '-' ? 0 : Number(m[2]);
    }
    stats.set(hash, stat);
  }
  return stats;
}

const truncate = (patch: string, maxChars: number) =>
  patch.length > maxChars ? `${patch.slice(0, maxChars)}\n… (diff truncated at ${maxChars} characters)\n` : patch;

/** Each commit's patch, truncated. */
export async function commitPatches(
  repo: Pick<BuildRepo, 'git'>,
  commits: readonly string[],
  maxChars = 200_000,
): Promise<Map<string, string>> {
  const patches = await showEach(repo, commits, ['--patch']);
  for (const [hash, patch] of patches) patches.set(hash, truncate(patch, maxChars));
  return patches;
}

/** Everything from `from` to `to`, truncated. */
export async function rangePatch(
  repo: Pick<BuildRepo, 'git'>,
  from: string,
  to: string,
  maxChars = 200_000,
): Promise<string> {
  return truncate(await repo.git(['diff', ...SAFE, from, to, ...WITHOUT_BOOKKEEPING]), maxChars);
}

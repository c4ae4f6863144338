// What one build commit changed, for the reports: its diffstat and its patch, without the
// build's own .ghost/ bookkeeping. External diff drivers and textconv stay off: the repo's
// .gitattributes are agent-written.
import type { BuildRepo } from './repo.js';
import type { DiffStat } from './types.js';

const SAFE = ['--no-ext-diff', '--no-textconv'];
const WITHOUT_BOOKKEEPING = ['--', '.', ':(exclude).ghost'];

/** Files and lines one commit changed (binary files count as a file, not lines). */
export async function commitDiffStat(repo: BuildRepo, commit: string): Promise<DiffStat> {
  const out = await repo.git.raw(['show', ...SAFE, '--numstat', '--format=', commit, ...WITHOUT_BOOKKEEPING]);
  const stat = { files: 0, insertions: 0, deletions: 0 };
  for (const line of out.split('\n')) {
    const m = /^(\d+|-)\t(\d+|-)\t/.exec(line);
    if (!m) continue;
    stat.files += 1;
    stat.insertions += m[1] === '-' ? 0 : Number(m[1]);
    stat.deletions += m[2] === '-' ? 0 : Number(m[2]);
  }
  return stat;
}

/** The patch of one commit (or `from..to` when `to` is given), truncated. */
export async function commitPatch(repo: BuildRepo, from: string, to?: string, maxChars = 200_000): Promise<string> {
  const args = to
    ? ['diff', ...SAFE, from, to, ...WITHOUT_BOOKKEEPING]
    : ['show', ...SAFE, '--format=', '--patch', from, ...WITHOUT_BOOKKEEPING];
  const patch = await repo.git.raw(args);
  return patch.length > maxChars ? `${patch.slice(0, maxChars)}\n… (diff truncated at ${maxChars} characters)\n` : patch;
}

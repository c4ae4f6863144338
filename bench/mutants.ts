// Single-bug mutants: ground truth for crediting a fuzz disagreement to one planted bug.
//
// Every hunk that differs between a reference implementation and its buggy variant
// (`diff -U0`, line-based) carries a `BUG n` marker in its added lines, or is a cosmetic hunk
// (it says `DELIBERATELY BUGGY` or `NOT A BUG`: the header comment). Mutant n = the reference
// with only bug n's hunks applied. An unmarked or doubly-marked hunk fails loudly: a hunk
// credited to the wrong bug would make the benchmark lie.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Hunk {
  /** Path relative to the implementation directory. */
  file: string;
  /** 1-based first reference line replaced (for a pure insertion: the line after which). */
  oldStart: number;
  oldCount: number;
  added: string[];
  /** The bug's label (`3`, `Q2`), or '' for a cosmetic hunk. */
  bug: string;
}

/** `BUG 2` or `BUG Q2` (the first cell of its BUGS.md row) in an added line. */
const MARKER = /\bBUG ([A-Z]?\d+)\b/g;
/** Manifests (a package name, no comments possible) never carry behaviour here. */
const MANIFEST = /^(package\.json|Cargo\.toml|go\.mod|ghost\.json)$/;
/** Not part of an implementation: the bug table, and build outputs (as .gitignore has them). */
const SKIP = ['BUGS.md', 'target', '__pycache__', 'node_modules', '.ghost', '.ghost-build', '*.bin', '*.class'];
const skipped = (name: string) =>
  SKIP.slice(1).some((p) => (p.startsWith('*') ? name.endsWith(p.slice(1)) : name === p));

/** Parses `diff -U0` output (one file pair) into hunks; unmarked or doubly-marked ones go to `problems`. */
export function parseHunks(file: string, diffText: string, problems: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: (Hunk & { removed: string[] }) | undefined;
  const close = () => {
    if (!cur) return;
    const { removed, ...h } = cur;
    const where = `${file}:${h.oldStart} (${[...removed.map((l) => `-${l}`), ...h.added.map((l) => `+${l}`)].join(' | ').slice(0, 160)})`;
    const bugs = new Set(h.added.flatMap((l) => [...l.matchAll(MARKER)].map((m) => m[1]!)));
    const cosmetic = MANIFEST.test(path.basename(file)) || h.added.some((l) => /DELIBERATELY BUGGY|NOT A BUG/.test(l));
    if (bugs.size > 1) problems.push(`hunk marked with several bugs (${[...bugs].join(', ')}): ${where}`);
    else if (bugs.size === 0 && !cosmetic) problems.push(`unmarked hunk (add a BUG n comment): ${where}`);
    hunks.push({ ...h, bug: bugs.size === 1 ? [...bugs][0]! : '' });
    cur = undefined;
  };
  for (const line of diffText.split('\n')) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m) {
      close();
      cur = {
        file,
        oldStart: Number(m[1]),
        oldCount: m[2] === undefined ? 1 : Number(m[2]),
        added: [],
        removed: [],
        bug: '',
      };
    } else if (cur && line.startsWith('+')) cur.added.push(line.slice(1));
    else if (cur && line.startsWith('-')) cur.removed.push(line.slice(1));
  }
  close();
  return hunks;
}

/** Every hunk between `reference` and `buggy` (all files). */
export function hunksBetween(reference: string, buggy: string): Hunk[] {
  const r = spawnSync('diff', ['-r', '-U0', ...SKIP.flatMap((s) => ['-x', s]), reference, buggy], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`diff ${reference} ${buggy}: ${r.stderr}`);
  const only = /^Only in (.*)$/m.exec(r.stdout);
  if (only) throw new Error(`${buggy}: files differ in presence (${only[1]}); mutants need the same files`);
  const hunks: Hunk[] = [];
  const problems: string[] = [];
  for (const part of r.stdout.split(/^(?=--- )/m)) {
    const head = /^--- (\S+)/.exec(part);
    if (!head) continue;
    hunks.push(...parseHunks(path.relative(reference, head[1]!), part, problems));
  }
  if (problems.length > 0) throw new Error(`${buggy}:\n  ${problems.join('\n  ')}`);
  return hunks;
}

/** Applies hunks (of one file, any order) to the reference text. */
export function applyHunks(text: string, hunks: Hunk[]): string {
  const lines = text.split('\n');
  // bottom-up, so earlier line numbers stay valid
  for (const h of [...hunks].sort((a, b) => b.oldStart - a.oldStart)) {
    const at = h.oldCount === 0 ? h.oldStart : h.oldStart - 1;
    lines.splice(at, h.oldCount, ...h.added);
  }
  return lines.join('\n');
}

/** The planted bugs' labels of a buggy variant (cosmetic hunks aside). */
export function bugLabels(hunks: Hunk[]): string[] {
  return [...new Set(hunks.map((h) => h.bug).filter((b) => b !== ''))].sort();
}

/** Writes mutant `bug` (reference + that bug's hunks) into `into`; returns its directory. */
export function buildMutant(reference: string, hunks: Hunk[], bug: string, into: string): string {
  mkdirSync(into, { recursive: true });
  cpSync(reference, into, {
    recursive: true,
    filter: (src) => !skipped(path.basename(src)),
  });
  const mine = hunks.filter((h) => h.bug === bug);
  for (const file of new Set(mine.map((h) => h.file))) {
    const target = path.join(into, file);
    writeFileSync(
      target,
      applyHunks(
        readFileSync(target, 'utf8'),
        mine.filter((h) => h.file === file),
      ),
    );
  }
  return into;
}

// `ghost fuzz` benchmark: the input rate, and the recall on planted bugs.
//
// Rate: humanize (five small functions) through its JavaScript and Python implementations —
// inputs answered per implementation per minute during the search (goal: ≥ 10,000 on 2 cores).
// Recall: for every spec in specs/, with every case removed from the spec the fuzzer gets (it
// reads only prose and interface), the reference implementation in the same language is fuzzed
// against each buggy variant; bench/fuzz-bugs.ts says how a disagreement is credited to a bug.
//
// Run: npm run bench   (or: npx tsx bench/fuzz.ts [--runs N] [--seed S] [--rate-runs N])
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../src/spec/index.js';
import { runFuzz } from '../src/fuzz/index.js';
import { creditBugs, examplesOf, readBugs, strictExamples } from './fuzz-bugs.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('--runs', 4000);
const SEED = arg('--seed', 1);
const RATE_RUNS = arg('--rate-runs', 4000);
/** A CLI-shaped spec starts two processes per input: far fewer inputs. */
const PROGRAM_RUNS = arg('--program-runs', 150);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const rel = (p: string) => path.relative(ROOT, p);

async function rate(): Promise<void> {
  const { spec } = await loadSpec(path.join(ROOT, 'fixtures/third-party/humanize/SPEC.md'));
  const impls = ['fixtures/third-party/humanize-impls/js', 'fixtures/third-party/humanize-impls/python'].map((p) =>
    path.join(ROOT, p),
  );
  const r = await runFuzz(spec, { impls, runs: RATE_RUNS, seed: SEED, timeLimitMs: 120_000 });
  const perMinute = r.inputsPerMinute;
  console.log(
    `fuzz rate: humanize (${spec.functions.length} functions), JavaScript + Python, ${r.inputs} inputs per implementation: ${perMinute.toLocaleString('en-US')} inputs per implementation per minute (goal 10,000) ${perMinute >= 10_000 ? 'OK' : 'BELOW GOAL'}; ${r.groups.length} disagreement group(s)`,
  );
}

async function recall(): Promise<void> {
  let found = 0;
  let strictFound = 0;
  let planted = 0;
  for (const file of readdirSync(path.join(ROOT, 'specs'))
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const name = file.replace(/\.md$/, '');
    const dir = path.join(ROOT, 'fixtures/impls', name);
    if (!existsSync(dir)) continue;
    const { spec: full } = await loadSpec(path.join(ROOT, 'specs', file));
    const spec = { ...full, cases: [] }; // the fuzzer may read prose and interface only
    const program = full.meta.command ?? full.meta.name;
    let specFound = 0;
    let specStrict = 0;
    let specPlanted = 0;
    const runs = full.functions.length === 0 ? PROGRAM_RUNS : RUNS;
    const lines: string[] = [];
    for (const buggy of readdirSync(dir)
      .filter((d) => d.startsWith('buggy-'))
      .sort()) {
      const reference = path.join(dir, buggy.slice('buggy-'.length));
      const bugsFile = path.join(dir, buggy, 'BUGS.md');
      if (!existsSync(reference) || !existsSync(bugsFile)) continue;
      const bugs = readBugs(bugsFile, full, program);
      const report = await runFuzz(spec, {
        impls: [reference, path.join(dir, buggy)],
        runs,
        seed: SEED,
        useCases: false,
        timeLimitMs: 120_000,
      });
      const examples = examplesOf(report);
      const credit = creditBugs(bugs, examples);
      const strict = creditBugs(bugs, strictExamples(examples)).size;
      specFound += credit.size;
      specStrict += strict;
      specPlanted += bugs.length;
      lines.push(
        `  ${rel(path.join(dir, buggy))} vs ${rel(reference)}: ${credit.size}/${bugs.length}, strict ${strict}/${bugs.length} (${report.inputs} inputs, ${(report.durationMs / 1000).toFixed(1)} s)`,
      );
      bugs.forEach((b, i) => {
        const e = credit.get(i);
        const shown =
          e === undefined
            ? 'NOT FOUND'
            : `${examples[e]!.fn}(${JSON.stringify(examples[e]!.args).slice(1, -1).slice(0, 70)})`;
        lines.push(`    ${e === undefined ? '✗' : '✓'} ${b.label} [${b.functions.join(', ')}] ${shown}`);
      });
    }
    found += specFound;
    strictFound += specStrict;
    planted += specPlanted;
    if (specPlanted === 0) continue;
    console.log(
      `fuzz recall ${name}: ${specFound}/${specPlanted} planted bugs found (strict ${specStrict}/${specPlanted})`,
    );
    for (const l of lines) console.log(l);
  }
  const pct = (n: number) => `${planted ? Math.round((100 * n) / planted) : 0}%`;
  console.log(
    `fuzz recall overall: ${found}/${planted} (${pct(found)}); strict ${strictFound}/${planted} (${pct(strictFound)}); ${RUNS} inputs per function (${PROGRAM_RUNS} per CLI program), seed ${SEED}, cases hidden from the fuzzer`,
  );
}

if (!process.argv.includes('--no-rate')) await rate();
await recall();

// `ghost fuzz` benchmark: the input rate, and the recall on planted bugs.
//
// Rate: humanize (five small functions) through its JavaScript and Python implementations —
// inputs answered per implementation per minute during the search (goal: ≥ 10,000 on 2 cores).
// Recall: for every spec in specs/, with every case removed from the spec the fuzzer gets (it
// reads only prose and interface), the reference implementation in the same language is fuzzed
// against each buggy variant. A planted bug counts as found only when one of the report's shrunk
// disagreement inputs also separates the reference from that bug's single-bug mutant
// (bench/mutants.ts); the proving input is printed per bug.
//
// Run: npm run bench   (or: npx tsx bench/fuzz.ts [--runs N] [--seed S] [--rate-runs N])
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadSpec, type Spec } from '../src/spec/index.js';
import { replayFuzz, runFuzz } from '../src/fuzz/index.js';
import { runConformance } from '../src/conformance/index.js';
import { examplesOf, expectedFailures, readBugs, type PlantedBug } from './fuzz-bugs.js';
import { bugLabels, buildMutant, hunksBetween, type Hunk } from './mutants.js';
import { numberArg, stringArg } from './args.js';

const arg = numberArg;
const RUNS = arg('--runs', 4000);
const SEED = arg('--seed', 1);
const RATE_RUNS = arg('--rate-runs', 4000);
/** A CLI-shaped spec starts two processes per input: far fewer inputs. */
const PROGRAM_RUNS = arg('--program-runs', 150);
/** `--spec semver`: only that spec's variants (a quicker look at one). */
const ONLY = stringArg('--spec');
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

/** Mutant `label`'s directory, or why it is unusable (a mis-split hunk). */
async function mutantFor(
  full: Spec,
  reference: string,
  hunks: Hunk[],
  bug: PlantedBug,
  allowed: Set<string>,
  into: string,
): Promise<{ dir: string; sane: boolean }> {
  const dir = buildMutant(reference, hunks, bug.label, into);
  // sanity check: the mutant alone fails at least one case its BUGS.md row lists, and no case
  // the whole variant passes (a mis-split hunk, or a mutant that does not build, shows here)
  const r = await runConformance(full, { implDir: dir, onWarning: () => {} });
  const failed = r.results.filter((c) => c.status !== 'passed').map((c) => c.id);
  return { dir, sane: failed.some((id) => bug.cases.includes(id)) && failed.every((id) => allowed.has(id)) };
}

async function recall(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-mutants-'));
  let found = 0;
  let planted = 0;
  const insane: string[] = [];
  try {
    for (const file of readdirSync(path.join(ROOT, 'specs'))
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const name = file.replace(/\.md$/, '');
      const dir = path.join(ROOT, 'fixtures/impls', name);
      if (!existsSync(dir) || (ONLY && name !== ONLY)) continue;
      const { spec: full } = await loadSpec(path.join(ROOT, 'specs', file));
      const spec = { ...full, cases: [] }; // the fuzzer may read prose and interface only
      const program = full.meta.command ?? full.meta.name;
      let specFound = 0;
      let specPlanted = 0;
      const runs = full.functions.length === 0 ? PROGRAM_RUNS : RUNS;
      const lines: string[] = [];
      for (const buggy of readdirSync(dir)
        .filter((d) => d.startsWith('buggy-'))
        .sort()) {
        const reference = path.join(dir, buggy.slice('buggy-'.length));
        const variant = path.join(dir, buggy);
        const bugsFile = path.join(variant, 'BUGS.md');
        if (!existsSync(reference) || !existsSync(bugsFile)) continue;
        const bugs = readBugs(bugsFile, full, program);
        const hunks = hunksBetween(reference, variant);
        const allowed = expectedFailures(bugsFile);
        const rows = bugs.map((b) => b.label).sort();
        if (JSON.stringify(rows) !== JSON.stringify(bugLabels(hunks)))
          throw new Error(
            `${rel(variant)}: BUGS.md rows ${rows.join(',')} but code markers ${bugLabels(hunks).join(',')}`,
          );
        const report = await runFuzz(spec, {
          impls: [reference, variant],
          runs,
          seed: SEED,
          useCases: false,
          timeLimitMs: 120_000,
        });
        const t0 = performance.now();
        // control: an input on which two copies of the reference already disagree (a crash, a
        // timeout) proves nothing about any bug
        const shrunk = examplesOf(report);
        const unstable = shrunk.length > 0 ? await replayFuzz(spec, { impls: [reference, reference] }, shrunk) : [];
        const examples = shrunk.filter((_, i) => !unstable[i]);
        let variantFound = 0;
        const bugLines: string[] = [];
        for (const bug of bugs) {
          const mutant = await mutantFor(full, reference, hunks, bug, allowed, path.join(tmp, name, buggy, bug.label));
          if (!mutant.sane) insane.push(`${rel(variant)} bug ${bug.label}`);
          const proves =
            examples.length > 0 ? await replayFuzz(spec, { impls: [reference, mutant.dir] }, examples) : [];
          const e = proves.indexOf(true);
          if (e >= 0) variantFound++;
          const shown =
            e < 0 ? 'NOT FOUND' : `${examples[e]!.fn}(${JSON.stringify(examples[e]!.args).slice(1, -1).slice(0, 90)})`;
          bugLines.push(
            `    ${e < 0 ? '✗' : '✓'} ${bug.label}${mutant.sane ? '' : ' (MUTANT FAILS NONE OF ITS CASES, OR OTHERS)'} [${bug.functions.join(', ')}] ${shown}`,
          );
        }
        specFound += variantFound;
        specPlanted += bugs.length;
        lines.push(
          `  ${rel(variant)} vs ${rel(reference)}: ${variantFound}/${bugs.length} (${report.inputs} inputs, ${shrunk.length} shrunk examples (${shrunk.length - examples.length} unstable), fuzz ${(report.durationMs / 1000).toFixed(1)} s, mutants ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
          ...bugLines,
        );
      }
      found += specFound;
      planted += specPlanted;
      if (specPlanted === 0) continue;
      console.log(`fuzz recall ${name}: ${specFound}/${specPlanted} planted bugs found (mutant-verified)`);
      for (const l of lines) console.log(l);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const pct = (n: number) => `${planted ? Math.round((100 * n) / planted) : 0}%`;
  console.log(
    `fuzz recall overall: ${found}/${planted} (${pct(found)}) mutant-verified; ${RUNS} inputs per function (${PROGRAM_RUNS} per CLI program), seed ${SEED}, cases hidden from the fuzzer`,
  );
  if (insane.length > 0) {
    console.log(
      `MIS-SPLIT MUTANTS (each must fail one of its bug's cases and none the variant passes): ${insane.join('; ')}`,
    );
    process.exitCode = 1;
  }
}

const started = performance.now();
if (!process.argv.includes('--no-rate')) await rate();
await recall();
console.log(`bench wall time: ${((performance.now() - started) / 1000).toFixed(0)} s`);

// Conformance runner benchmark: a generated 10,000-case suite against a JavaScript, Python, Go,
// Ruby and Rust implementation, persistent drivers vs --isolate (one process per case) vs
// calling the JavaScript functions in-process through the same compare code. Go's and Rust's
// harness builds are timed apart (a cold cache in a temporary XDG_CACHE_HOME), then every run
// of theirs is warm. Then the cost of the jail: the same persistent runs unjailed and in
// bubblewrap, interleaved, median of --jail-rounds.
//
// Run: npm run bench   (or: npx tsx bench/conformance.ts [--cases N] [--isolate-sample N])
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildRustHarness,
  compareOutcome,
  runConformance,
  type CallResult,
  type Driver,
} from '../src/conformance/index.js';
import { probeJail } from '../src/process/index.js';
import type { Outcome } from '../src/conformance/types.js';
import type { CallCase, Spec } from '../src/spec/types.js';
import { numberArg } from './args.js';

const arg = numberArg;
const CASES = arg('--cases', 10_000);
const SAMPLE = Math.min(arg('--isolate-sample', 200), CASES);
const JAIL_ROUNDS = Math.max(1, arg('--jail-rounds', 3));
const LANGUAGES = ['javascript', 'python', 'go', 'ruby', 'rust'] as const;
const IMPLS = Object.fromEntries(
  LANGUAGES.map((l) => [l, fileURLToPath(new URL(`./impls/${l}/`, import.meta.url))]),
) as Record<(typeof LANGUAGES)[number], string>;

const loc = { file: 'bench.md', start: { line: 1, column: 1 } };

function makeCase(i: number): CallCase {
  const base = {
    kind: 'call' as const,
    id: `case-${i}`,
    hidden: false,
    requirements: [],
    location: loc,
    compare: { mode: 'exact' as const },
  };
  switch (i % 3) {
    case 0:
      return { ...base, fn: 'add', args: [i, i + 1], expect: { kind: 'value', value: 2 * i + 1 } };
    case 1:
      return {
        ...base,
        fn: 'echo',
        args: [{ n: i, tags: ['a', 'b'], nested: { ok: true } }],
        expect: { kind: 'value', value: { nested: { ok: true }, tags: ['a', 'b'], n: i } },
      };
    default:
      return { ...base, fn: 'shout', args: [`case ${i}`], expect: { kind: 'value', value: `CASE ${i}!` } };
  }
}

const param = (name: string, type: string) => ({ name, schema: { type }, optional: false });

function makeSpec(n: number): Spec {
  return {
    file: 'bench.md',
    meta: { format: 1, name: 'bench', version: '0.0.0', tests: [], frontMatter: true },
    title: 'bench',
    sections: [],
    // Typed parameters: the Rust harness is generated from them (other drivers ignore them).
    functions: [
      { name: 'add', params: [param('a', 'integer'), param('b', 'integer')] },
      { name: 'echo', params: [param('x', 'object')] },
      { name: 'shout', params: [param('s', 'string')] },
    ].map((f) => ({ ...f, returns: {}, errors: [], origin: 'block' as const, location: loc })),
    cases: Array.from({ length: n }, (_, i) => makeCase(i)),
    requirements: [],
    hash: '0'.repeat(64),
    spans: { blocks: [], caseFiles: [] },
  };
}

interface Row {
  language: string;
  mode: string;
  ran: number;
  wallMs: number;
  perCaseMs: number;
  fullSuiteMs: number;
  note: string;
}

async function timeRun(
  spec: Spec,
  implDir: string,
  isolate: boolean,
  jobs: number,
  startDriver?: () => Promise<Driver>,
  isolation: 'none' | 'bubblewrap' = 'none',
): Promise<{ ms: number; passed: number; total: number }> {
  const t0 = performance.now();
  const report = await runConformance(spec, {
    implDir,
    jobs,
    isolate,
    isolation,
    timeoutMs: 30_000,
    ...(startDriver ? { startDriver } : {}),
  });
  return { ms: performance.now() - t0, passed: report.passed, total: report.total };
}

/**
 * The same runner (pool, compare, report) with the process boundary removed: a stand-in
 * driver that calls the imported module directly (arguments and results still go through a
 * JSON copy, as they would on the wire).
 */
async function inProcessDriver(): Promise<Driver> {
  const mod = (await import(pathToFileURL(`${IMPLS.javascript}index.mjs`).href)) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  const functions = Object.fromEntries(Object.keys(mod).map((k) => [k, k]));
  return {
    functions,
    dead: false,
    async call(fn: string, args: unknown[]): Promise<CallResult> {
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        const value = await mod[fn]!(...(JSON.parse(JSON.stringify(args)) as unknown[]));
        outcome = { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) as unknown };
      } catch (e) {
        outcome = { ok: false, error: { kind: (e as Error).name, message: (e as Error).message } };
      }
      return { type: 'response', outcome, durationMs: performance.now() - t0 };
    },
    close: async () => {},
    kill: () => {},
  };
}

/** The bare loop: call and compare, no runner at all (the floor). */
async function bareLoop(spec: Spec): Promise<{ ms: number; passed: number }> {
  const mod = (await import(pathToFileURL(`${IMPLS.javascript}index.mjs`).href)) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  const t0 = performance.now();
  let passed = 0;
  for (const c of spec.cases) {
    if (c.kind !== 'call') continue;
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await mod[c.fn]!(...(JSON.parse(JSON.stringify(c.args)) as unknown[])) };
    } catch (e) {
      outcome = { ok: false, error: { kind: (e as Error).name, message: (e as Error).message } };
    }
    if (compareOutcome(c.expect, c.compare, outcome).pass) passed++;
  }
  return { ms: performance.now() - t0, passed };
}

const fmt = (ms: number) =>
  Number.isNaN(ms)
    ? '-'
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : ms >= 1
        ? `${ms.toFixed(1)} ms`
        : `${(ms * 1000).toFixed(1)} µs`;

async function main(): Promise<void> {
  const jobs = os.availableParallelism();
  const full = makeSpec(CASES);
  const sample = makeSpec(SAMPLE);
  const rows: Row[] = [];
  console.log(
    `ghost conformance benchmark: ${CASES} cases (add/echo/shout), ${jobs} drivers per run, node ${process.version}`,
  );
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ghost-bench-cache-'));
  const userCache = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cache; // drivers inherit it: Go builds its harness here, cold
  for (const language of LANGUAGES) {
    const dir = IMPLS[language];
    if (language === 'go') {
      const cold = await timeRun(makeSpec(1), dir, false, 1);
      const warm = await timeRun(makeSpec(1), dir, false, 1);
      rows.push({
        language,
        mode: 'harness build (cold cache)',
        ran: 1,
        wallMs: cold.ms - warm.ms,
        perCaseMs: Number.NaN,
        fullSuiteMs: Number.NaN,
        note: 'once per content hash; not in the rows below',
      });
    }
    if (language === 'rust') {
      // cold: serde/serde_json and the harness, in the temporary cache (cargo --release)
      const t0 = performance.now();
      await buildRustHarness({
        implDir: dir,
        entry: 'Cargo.toml',
        names: {},
        functions: full.functions,
        env: {},
        spawn: (argv, cwd, env) => ({ argv, cwd, env }),
      });
      rows.push({
        language,
        mode: 'harness build (cold cache)',
        ran: 0,
        wallMs: performance.now() - t0,
        perCaseMs: Number.NaN,
        fullSuiteMs: Number.NaN,
        note: 'serde + harness, once per content hash; not in the rows below',
      });
    }
    const p = await timeRun(full, dir, false, jobs);
    if (p.passed !== p.total) throw new Error(`${language}: persistent run passed ${p.passed}/${p.total}`);
    rows.push({
      language,
      mode: 'persistent drivers',
      ran: CASES,
      wallMs: p.ms,
      perCaseMs: p.ms / CASES,
      fullSuiteMs: p.ms,
      note: 'measured, driver start-up included',
    });
    // fixed cost of a run: start the drivers, one case, shut down
    const one = await timeRun(makeSpec(jobs), dir, false, jobs);
    rows.push({
      language,
      mode: '  of which: start-up + shutdown',
      ran: jobs,
      wallMs: one.ms,
      perCaseMs: Number.NaN,
      fullSuiteMs: one.ms,
      note: `a ${jobs}-case run`,
    });
    const iso = await timeRun(sample, dir, true, jobs);
    if (iso.passed !== iso.total) throw new Error(`${language}: isolate run passed ${iso.passed}/${iso.total}`);
    rows.push({
      language,
      mode: '--isolate (process per case)',
      ran: SAMPLE,
      wallMs: iso.ms,
      perCaseMs: iso.ms / SAMPLE,
      fullSuiteMs: (iso.ms / SAMPLE) * CASES,
      note: `extrapolated from ${SAMPLE} cases`,
    });
    if (language === 'javascript') {
      await timeRun(sample, dir, false, 1, inProcessDriver); // warm up the module and the JIT
      const ip = await timeRun(full, dir, false, 1, inProcessDriver);
      if (ip.passed !== CASES) throw new Error(`in-process passed ${ip.passed}/${CASES}`);
      rows.push({
        language,
        mode: 'in-process (same runner)',
        ran: CASES,
        wallMs: ip.ms,
        perCaseMs: ip.ms / CASES,
        fullSuiteMs: ip.ms,
        note: 'measured; no process boundary',
      });
      const bare = await bareLoop(full);
      rows.push({
        language,
        mode: 'bare call+compare loop',
        ran: CASES,
        wallMs: bare.ms,
        perCaseMs: bare.ms / CASES,
        fullSuiteMs: bare.ms,
        note: 'measured; no runner (floor)',
      });
    }
  }
  if (userCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = userCache;
  rmSync(cache, { recursive: true, force: true });
  const header = ['language', 'mode', 'cases run', 'wall', 'per case', `${CASES} cases`, 'note'];
  const table = rows.map((r) => [
    r.language,
    r.mode,
    String(r.ran),
    fmt(r.wallMs),
    fmt(r.perCaseMs),
    fmt(r.fullSuiteMs),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const t of table) console.log(line(t));

  const get = (language: string, mode: string) => rows.find((r) => r.language === language && r.mode.startsWith(mode))!;
  console.log('\nratios:');
  for (const language of LANGUAGES) {
    const speedup = get(language, '--isolate').perCaseMs / get(language, 'persistent').perCaseMs;
    console.log(
      `  ${language}: persistent is ${speedup.toFixed(0)}x faster than one process per case (goal >= 50x: ${speedup >= 50 ? 'met' : 'NOT met'})`,
    );
  }
  const marginal = (language: string) =>
    (get(language, 'persistent').wallMs - get(language, '  of which').wallMs) / CASES;
  for (const language of LANGUAGES) {
    console.log(
      `  ${language}: marginal cost per case on a persistent driver ≈ ${fmt(marginal(language))} (start-up excluded)`,
    );
  }
  const slowdown = get('javascript', 'persistent').perCaseMs / get('javascript', 'in-process').perCaseMs;
  console.log(
    `  javascript: persistent drivers take ${slowdown.toFixed(1)}x the in-process time (same runner, no process boundary; goal <= 3x: ${slowdown <= 3 ? 'met' : 'NOT met'})`,
  );
  const floor = get('javascript', 'persistent').perCaseMs / get('javascript', 'bare').perCaseMs;
  console.log(`  javascript: persistent drivers take ${floor.toFixed(1)}x a bare call+compare loop`);
  const steady = marginal('javascript') / get('javascript', 'in-process').perCaseMs;
  console.log(
    `  javascript: excluding start-up, persistent drivers take ${steady.toFixed(1)}x the in-process time per case`,
  );
  await jailCost(full, jobs);
  const load = os.loadavg()[0]!;
  console.log(
    `\nnotes: isolate rows time ${SAMPLE} cases and extrapolate to ${CASES}; load average ${load.toFixed(1)} on ${os.cpus().length} cores during the run${load > os.cpus().length ? ' (busy machine: wall times are inflated)' : ''}.`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Jailed vs unjailed throughput of persistent drivers (the jail starts once per driver). */
async function jailCost(full: Spec, jobs: number): Promise<void> {
  const probe = probeJail();
  if (!probe.ok) {
    console.log(`\njail cost: not measured, bubblewrap unavailable (${probe.reason})`);
    return;
  }
  console.log(
    `\njail cost (persistent drivers, ${CASES} cases, ${jobs} drivers, median of ${JAIL_ROUNDS} interleaved rounds):`,
  );
  const rows: string[][] = [['language', 'unjailed', 'jailed', 'unjailed cases/s', 'jailed cases/s', 'jail cost']];
  const startRows: string[][] = [['language', 'unjailed', 'jailed', 'difference']];
  for (const language of ['javascript', 'python'] as const) {
    const times = { none: [] as number[], bubblewrap: [] as number[] };
    for (let r = 0; r < JAIL_ROUNDS; r++) {
      for (const isolation of ['none', 'bubblewrap'] as const) {
        const t = await timeRun(full, IMPLS[language], false, jobs, undefined, isolation);
        if (t.passed !== t.total) throw new Error(`${language} ${isolation}: passed ${t.passed}/${t.total}`);
        times[isolation].push(t.ms);
      }
    }
    // the jail's real cost is per driver start (cases run in the same process either way):
    // time a run of one case per driver, many times, to see it through the noise
    const tiny = makeSpec(jobs);
    const starts = { none: [] as number[], bubblewrap: [] as number[] };
    for (let r = 0; r < 4 * JAIL_ROUNDS; r++) {
      for (const isolation of ['none', 'bubblewrap'] as const)
        starts[isolation].push((await timeRun(tiny, IMPLS[language], false, jobs, undefined, isolation)).ms);
    }
    startRows.push([
      language,
      fmt(median(starts.none)),
      fmt(median(starts.bubblewrap)),
      `${median(starts.bubblewrap) < median(starts.none) ? '-' : '+'}${fmt(Math.abs(median(starts.bubblewrap) - median(starts.none)))} per run of ${jobs} drivers`,
    ]);
    const a = median(times.none);
    const b = median(times.bubblewrap);
    const cost = (b / a - 1) * 100;
    rows.push([
      language,
      fmt(a),
      fmt(b),
      (CASES / (a / 1000)).toFixed(0),
      (CASES / (b / 1000)).toFixed(0),
      `${cost >= 0 ? '+' : ''}${cost.toFixed(1)}% (goal <= 20%: ${cost <= 20 ? 'met' : 'NOT met'})`,
    ]);
  }
  printTable(rows);
  console.log(
    `start-up (a ${jobs}-case run, median of ${4 * JAIL_ROUNDS}; the jail runs the runtime's real interpreter, not a pyenv shim):`,
  );
  printTable(startRows);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`);
}

await main();

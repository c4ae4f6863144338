// Start-up and reporter benchmark (issue 13's speed goals), as ratios measured in the same run:
//   - `ghost --version` vs `node -e 0`                     (goal ≤ 2×)
//   - `ghost plan fixtures/prose/service-spec.md` (~97 KB prose) vs `node -e 0`  (goal ≤ 6×)
//   - the pretty reporter vs the JSON reporter on a 20,000-case report          (goal ≤ 2×)
// Processes run interleaved, RUNS times each; the median wall time and the median CPU time
// (user + sys, steadier on a busy machine) are both shown.
//
// Run: npm run bench   (or: npx tsx bench/startup.ts [--runs 7] [--cases 20000])
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { reporters } from '../src/conformance/index.js';
import type { CaseResult, ConformanceReport } from '../src/conformance/types.js';
import { numberArg } from './args.js';

const arg = numberArg;
const RUNS = arg('--runs', 7);
const CASES = arg('--cases', 20_000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GHOST = `${ROOT}bin/ghost.js`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Sample {
  wall: number;
  cpu: number;
}

const HAS_TIME = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/** Wall time around the process; CPU (user + sys) from /usr/bin/time when installed. */
function timed(argv: string[]): Sample {
  const cmd = HAS_TIME ? '/usr/bin/time' : process.execPath;
  const args = HAS_TIME ? ['-f', 'ghost-bench %U %S', process.execPath, ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /ghost-bench ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN };
}

const procs: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'ghost --version': [GHOST, '--version'],
  'ghost plan (97 KB prose)': [GHOST, 'plan', 'fixtures/prose/service-spec.md'],
};
const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(procs).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(procs)) samples[name]!.push(timed(argv));

const base = {
  wall: median(samples['node -e 0']!.map((s) => s.wall)),
  cpu: median(samples['node -e 0']!.map((s) => s.cpu)),
};
console.log(`\nStart-up (median of ${RUNS}; ratio to node -e 0 in the same run)`);
for (const [name, list] of Object.entries(samples)) {
  const wall = median(list.map((s) => s.wall));
  const cpu = median(list.map((s) => s.cpu));
  const cpuText = Number.isNaN(cpu)
    ? ''
    : `   cpu ${cpu.toFixed(0).padStart(5)} ms  ${(cpu / base.cpu).toFixed(1).padStart(5)}×`;
  console.log(
    `  ${name.padEnd(26)} wall ${wall.toFixed(0).padStart(5)} ms  ${(wall / base.wall).toFixed(1).padStart(5)}×${cpuText}`,
  );
}

// Reporters: a 20,000-case report, 10% failing with structured values, over 40 functions.
const results: CaseResult[] = Array.from({ length: CASES }, (_, i) => {
  const fn = `fn_${i % 40}`;
  const base: CaseResult = {
    id: `${fn}-case-${i}`,
    kind: 'call',
    fn,
    hidden: i % 7 === 0,
    status: 'passed',
    durationMs: (i % 13) * 0.37,
    requirements: [`R-${i % 40}`],
  };
  if (i % 10 !== 3) return base;
  return {
    ...base,
    status: 'failed',
    message: 'mismatch',
    args: [i, `text ${i}`],
    call: `${fn}(${i}, "text ${i}")`,
    source: `specs/big.md:${i + 10}`,
    expected: { n: i, tags: ['a', 'b'], ok: true },
    actual: { n: i + 1, tags: ['a'], ok: true },
  };
});
const passed = results.filter((r) => r.status === 'passed').length;
const report: ConformanceReport = {
  reportVersion: 1,
  isolation: 'none',
  spec: { name: 'big', version: '1.0.0', hash: 'ab'.repeat(32) },
  implementation: { dir: '/tmp/impl', language: 'python' },
  startedAt: new Date(0).toISOString(),
  durationMs: 1000,
  total: CASES,
  passed,
  failed: CASES - passed,
  errored: 0,
  skipped: 0,
  results,
};
const times: Record<string, number[]> = { json: [], pretty: [] };
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  for (const name of ['json', 'pretty'] as const) {
    const t0 = performance.now();
    reporters[name].render(report, { color: false });
    times[name]!.push(performance.now() - t0);
  }
}
const json = median(times.json!);
const pretty = median(times.pretty!);
console.log(`\nReporters on ${CASES} cases (${CASES - passed} failing; median)`);
console.log(`  json    ${json.toFixed(0).padStart(6)} ms`);
console.log(`  pretty  ${pretty.toFixed(0).padStart(6)} ms  ${(pretty / json).toFixed(2)}× json (goal ≤ 2×)`);

// Spec front-end benchmark: parseSpec throughput on generated 1, 2, 4, 8 MB specs and the
// ~90 KB function spec of test/plan/large.test.ts (MB/s, and time ratio vs size ratio: linear
// means they match), then whole-process `ghost check` / `ghost plan --json` on the 90 KB spec
// beside `node -e 0`. CPU time is what to compare on a busy machine; wall time only side by side.
//
// Run: npm run bench   (or: npx tsx bench/spec-parse.ts [--max-mb 8] [--runs 5])
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../src/spec/index.js';
import { numberArg } from './args.js';

const arg = numberArg;
const MAX_MB = arg('--max-mb', 8);
const RUNS = arg('--runs', 5);
const GHOST = fileURLToPath(new URL('../bin/ghost.js', import.meta.url));

/** Prose with two requirements, a table and one case block per section (as test/spec/read.test.ts). */
function bigSpec(bytes: number): string {
  const parts = ['---\nname: big\nversion: 1.0.0\n---\n\n# big\n\n### neg(x: number) -> number\n\n'];
  let size = parts[0]!.length;
  for (let i = 1; size < bytes; i++) {
    const s =
      `## ${i}. Part ${i}\n\nThe function MUST handle part ${i}, e.g. 1.5 and 2.5. It SHOULD be fast.\n\n` +
      `| a | b |\n|---|---|\n| ${i} | x |\n\n` +
      `\`\`\`yaml conformance fn=neg\n- id: neg-${i}\n  args: [${i}]\n  expect: ${-i}\n\`\`\`\n\n`;
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

/** The ~90 KB function spec of test/plan/large.test.ts: signature sections, 12 cases each. */
function functionSpec(bytes = 90_000): string {
  const out = [
    '---',
    'ghost: 1',
    'name: textkit',
    'version: 2.3.0',
    '---',
    '',
    '# textkit',
    '',
    'Small text functions.',
    '',
  ];
  for (let i = 0; out.join('\n').length < bytes; i++) {
    const name = `op_${i}`;
    out.push(`## ${name}(text: string, n?: integer = 1) -> string`, '');
    out.push(
      `Applies transformation ${i} to \`text\`, \`n\` times. The result MUST NOT contain control characters.${i > 0 ? ` It builds on \`op_${i - 1}\`.` : ''} Negative \`n\` MUST raise \`InvalidCount\`.`,
      '',
      '```yaml conformance',
    );
    for (let k = 0; k < 8; k++)
      out.push(
        `- id: ${name}-case-${k}`,
        `  fn: ${name}`,
        `  args: ["sample input ${k} for ${name}", ${k % 3}]`,
        `  expect: "expected output ${k} of ${name}"`,
      );
    out.push(
      `- id: ${name}-negative`,
      `  fn: ${name}`,
      '  args: ["x", -1]',
      '  error: InvalidCount',
      '```',
      '',
      '```yaml conformance hidden',
    );
    for (let k = 0; k < 3; k++)
      out.push(
        `- id: ${name}-hidden-${k}`,
        `  fn: ${name}`,
        `  args: ["SECRET ${k}", 1]`,
        `  expect: "SECRET-OUT-${k}"`,
      );
    out.push('```', '');
  }
  return out.join('\n');
}

function timed(run: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  run();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pad = (cells: Array<string | number>, widths: number[]): string =>
  cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join('  ');

function inProcess(): void {
  console.log(`\nghost spec parse benchmark: parseSpec in-process, node ${process.version}`);
  parseSpec(functionSpec(5_000), 'warm.md'); // load modules before timing
  const widths = [10, 10, 10, 10, 9, 11];
  console.log(pad(['spec', 'bytes', 'cpu ms', 'wall ms', 'MB/s', 'time/size'], widths));
  const fn = functionSpec();
  const f = timed(() => parseSpec(fn, 'textkit.md'));
  console.log(
    pad(
      ['90 KB fn', fn.length, f.cpu.toFixed(0), f.wall.toFixed(0), (fn.length / 1e6 / (f.cpu / 1000)).toFixed(2), '-'],
      widths,
    ),
  );
  let base: { bytes: number; cpu: number } | undefined;
  for (let mb = 1; mb <= MAX_MB; mb *= 2) {
    const text = bigSpec(mb * 1024 * 1024);
    const t = timed(() => parseSpec(text, 'big.md'));
    base ??= { bytes: text.length, cpu: t.cpu };
    // Linear: the time ratio equals the size ratio (column ≈ 1.00).
    const ratio = t.cpu / base.cpu / (text.length / base.bytes);
    console.log(
      pad(
        [
          `${mb} MB`,
          text.length,
          t.cpu.toFixed(0),
          t.wall.toFixed(0),
          (text.length / 1e6 / (t.cpu / 1000)).toFixed(2),
          ratio.toFixed(2),
        ],
        widths,
      ),
    );
  }
  console.log('time/size: (time ratio) / (size ratio) against 1 MB; ≈ 1 means linear.');
}

/** CPU of a whole child process, reported by the child itself at exit. */
const EXIT_CPU = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\nBENCH_CPU '+((c.user+c.system)/1000)+'\\n')})`;

function processRow(label: string, args: string[]): string[] {
  const cpus: number[] = [];
  const walls: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const w0 = performance.now();
    const out = spawnSync(process.execPath, ['--import', EXIT_CPU, ...args], { encoding: 'utf8' });
    walls.push(performance.now() - w0);
    const cpu = /BENCH_CPU ([\d.]+)/.exec(out.stderr)?.[1];
    if (out.status !== 0 || cpu === undefined) throw new Error(`${label} failed: ${out.stderr}`);
    cpus.push(Number(cpu));
  }
  return [label, median(cpus).toFixed(0), median(walls).toFixed(0)];
}

function wholeProcess(): void {
  const dir = mkdtempSync(join(os.tmpdir(), 'ghost-bench-spec-'));
  const file = join(dir, 'textkit.md');
  writeFileSync(file, functionSpec());
  console.log(
    `\nwhole process on the 90 KB spec (median of ${RUNS}; rows interleaved per run would be fairer, medians keep it simple):`,
  );
  const rows = [
    processRow('node -e 0', ['-e', '0']),
    processRow('ghost --version', [GHOST, '--version']),
    processRow('ghost check', [GHOST, 'check', file]),
    processRow('ghost plan --json', [GHOST, 'plan', file, '--json']),
  ];
  const widths = [18, 8, 8];
  console.log(pad(['command', 'cpu ms', 'wall ms'], widths));
  for (const row of rows) console.log(pad(row, widths));
  const node = Number(rows[0]![1]);
  console.log(`ghost plan --json costs ${(Number(rows[3]![1]) - node).toFixed(0)} ms CPU above a bare node start.`);
  const load = os.loadavg()[0] ?? 0;
  console.log(
    `load average ${load.toFixed(1)} on ${os.cpus().length} cores${load > os.cpus().length ? ' (busy machine: wall times are inflated)' : ''}.`,
  );
}

inProcess();
wholeProcess();

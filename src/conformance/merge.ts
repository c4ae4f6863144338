// `ghost merge-reports`: ConformanceReports from several machines (a CI matrix of shards) into
// one. Inputs are validated against schemas/report.schema.json; they must be runs of the same
// spec (name and hash) against the same target language. Shard reports (`ghost test --shard
// i/n`) must be a complete set 1..n, and are interleaved back into selection order.
import { readFileSync } from 'node:fs';
import { UserError } from '../util/errors.js';
import { statusCounts } from './counts.js';
import type { CaseResult, ConformanceReport } from './types.js';

const reportSchema = JSON.parse(
  // src/conformance and dist/conformance both sit two levels below the package root.
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

type Check = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
let compiled: Check | undefined;

async function validator(): Promise<Check> {
  if (!compiled) {
    const { Ajv } = await import('ajv');
    // Formats (date-time) are documentation here; ajv-formats is not a dependency.
    compiled = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(reportSchema) as Check;
  }
  return compiled;
}

export interface ReportFile {
  file: string;
  report: ConformanceReport;
}

/** Reads and validates one report; UserError (exit 2) with the file and what is wrong. */
export async function readReportFile(file: string): Promise<ReportFile> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      `${file}: not JSON (${(e as Error).message}); write reports with ghost test --reporter json -o FILE`,
    );
  }
  const check = await validator();
  if (!check(data)) {
    const lines = (check.errors ?? [])
      .slice(0, 5)
      .map((e) => `  ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new UserError(`${file}: not a ghost conformance report (schemas/report.schema.json):\n${lines.join('\n')}`);
  }
  return { file, report: data as ConformanceReport };
}

function describeSpec(r: ConformanceReport): string {
  return `${r.spec.name}${r.spec.version ? ` ${r.spec.version}` : ''} (hash ${r.spec.hash.slice(0, 12)})`;
}

function checkSameRun(inputs: ReportFile[]): void {
  const [first, ...rest] = inputs;
  for (const x of rest) {
    if (x.report.spec.name !== first!.report.spec.name || x.report.spec.hash !== first!.report.spec.hash) {
      throw new UserError(
        `${x.file}: spec ${describeSpec(x.report)} differs from ${first!.file}: spec ${describeSpec(first!.report)}; merge reports of one spec version only`,
      );
    }
    if (x.report.implementation.language !== first!.report.implementation.language) {
      throw new UserError(
        `${x.file}: target ${x.report.implementation.language} differs from ${first!.file}: target ${first!.report.implementation.language}; merge each target's shards separately`,
      );
    }
  }
}

/** Shard reports back into selection order; every shard 1..n exactly once. */
function interleave(inputs: ReportFile[]): CaseResult[] {
  const count = inputs[0]!.report.shard!.count;
  const byIndex = new Map<number, ReportFile>();
  for (const x of inputs) {
    const s = x.report.shard!;
    if (s.count !== count)
      throw new UserError(
        `${x.file}: shard ${s.index}/${s.count} does not belong with ${inputs[0]!.file}: shard ${inputs[0]!.report.shard!.index}/${count}`,
      );
    const dup = byIndex.get(s.index);
    if (dup) throw new UserError(`${x.file}: shard ${s.index}/${count} is also ${dup.file}`);
    byIndex.set(s.index, x);
  }
  const missing = Array.from({ length: count }, (_v, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new UserError(`incomplete set of shards: missing ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const lists = Array.from({ length: count }, (_v, i) => byIndex.get(i + 1)!.report.results);
  const total = lists.reduce((n, l) => n + l.length, 0);
  const out: CaseResult[] = [];
  for (let p = 0; p < total; p++) {
    const r = lists[p % count]![Math.floor(p / count)];
    if (!r)
      throw new UserError(
        `shard ${(p % count) + 1}/${count} has fewer cases than a round-robin slice of ${total} cases: were the shards run with the same filters?`,
      );
    out.push(r);
  }
  return out;
}

/** One report from several runs of one spec against one target (shards, or disjoint filters). */
export function mergeReports(inputs: ReportFile[]): ConformanceReport {
  if (inputs.length === 0) throw new UserError('merge-reports needs at least one report');
  checkSameRun(inputs);
  const sharded = inputs.filter((x) => x.report.shard).length;
  if (sharded !== 0 && sharded !== inputs.length) {
    const plain = inputs.find((x) => !x.report.shard)!;
    throw new UserError(`${plain.file}: not a shard report, but other inputs are (--shard); merge one kind at a time`);
  }
  const results = sharded ? interleave(inputs) : inputs.flatMap((x) => x.report.results);
  const seen = new Map<string, string>();
  for (const x of inputs) {
    for (const r of x.report.results) {
      const other = seen.get(r.id);
      if (other) throw new UserError(`case ${r.id} is in both ${other} and ${x.file}: reports overlap`);
      seen.set(r.id, x.file);
    }
  }
  const first = inputs[0]!.report;
  return {
    reportVersion: 1,
    spec: first.spec,
    implementation: first.implementation,
    // only as isolated as the least isolated shard
    isolation: inputs.every((x) => x.report.isolation === 'bubblewrap') ? 'bubblewrap' : 'none',
    startedAt: inputs.map((x) => x.report.startedAt).sort()[0]!,
    // The shards ran side by side: the merged run took as long as the slowest one.
    durationMs: Math.max(...inputs.map((x) => x.report.durationMs)),
    ...statusCounts(results),
    results,
  };
}

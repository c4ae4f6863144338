// Runs the CLI in-process (main() from src/cli) and captures what it printed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index.js';
import type { ConformanceReport } from '../../src/conformance/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** `ghost test SPEC --impl DIR [extra…] --reporter json -o FILE`: its exit code and the report it wrote. */
export async function ghostTestReport(
  spec: string,
  impl: string,
  extra: string[] = [],
): Promise<CliRun & { report: ConformanceReport }> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'ghost-report-')), 'report.json');
  const r = await runCli(['test', spec, '--impl', impl, ...extra, '--reporter', 'json', '-o', out]);
  return { ...r, report: JSON.parse(readFileSync(out, 'utf8')) as ConformanceReport };
}

// The spec front end's one entry point. Downstream code (plan, build, conformance, the CLI)
// imports from here only.
import { existsSync } from 'node:fs';
import { UserError } from '../util/errors.js';
import { parseSpec, type ParseOptions } from './parse.js';
import { readCaseFileSync, readSpecSource } from './read.js';
import type { CheckResult } from './types.js';

export { parseSpec, type ParseOptions } from './parse.js';
export { formatDiagnostic, sortDiagnostics } from './diagnostics.js';
export { summarize, type SpecSummary } from './summary.js';
export { renderCheckText } from './render-text.js';
export { visibleSpec, type VisibleSpec, type VisibleCaseFile } from './visible.js';
export { lintSpec, proseExamples } from './lint.js';
export { readSpecSource, decodeText } from './read.js';
export type * from './types.js';

export interface LoadOptions {
  /** Case files to import instead of auto-discovered tests.yaml (paths from the cwd). */
  tests?: string[];
  /** Also lint for ambiguity (`ghost check --strict`). */
  strict?: boolean;
}

/** Reads and parses a spec file. Throws UserError (exit 2) when the input cannot be read. */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<CheckResult> {
  for (const t of options.tests ?? []) {
    if (!existsSync(t)) throw new UserError(`--tests ${t}: no such file`);
  }
  const source = await readSpecSource(file);
  const parseOptions: ParseOptions = { readFile: readCaseFileSync };
  if (options.tests) parseOptions.tests = options.tests;
  if (options.strict) parseOptions.strict = true;
  return parseSpec(source, file, parseOptions);
}

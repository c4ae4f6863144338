import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { BuildReport, BuildState } from './types.js';

let validate: ValidateFunction<BuildReport> | undefined;

export function buildReportSchema(): Record<string, unknown> {
  // schemas/ sits at the package root both for src/build (tests) and dist/build (users).
  return JSON.parse(readFileSync(new URL('../../schemas/build-report.schema.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Throws with every problem listed: a report that does not match its schema is a bug. */
export function validateBuildReport(report: BuildReport): void {
  validate ??= new Ajv({ allErrors: true }).compile<BuildReport>(buildReportSchema());
  if (!validate(report)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`build report does not match its schema: ${problems}`);
  }
}

let validateState: ValidateFunction<BuildState> | undefined;
const REPORT_ONLY = new Set(['reportVersion', 'usageTotal', 'finishedAt', 'outDir']);

/** Problems with a build state read back from disk (the report schema minus report-only fields), or undefined. */
export function buildStateProblems(state: unknown): string | undefined {
  if (!validateState) {
    const schema = buildReportSchema();
    const required = (schema.required as string[]).filter((k) => !REPORT_ONLY.has(k));
    validateState = new Ajv({ allErrors: true }).compile<BuildState>({ ...schema, required });
  }
  if (validateState(state)) return undefined;
  return (validateState.errors ?? [])
    .slice(0, 3)
    .map((e) => `state${e.instancePath} ${e.message}`)
    .join('; ');
}

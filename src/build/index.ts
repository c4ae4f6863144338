// The build stage's entry: run a build (plan → implement → gate → review → fix) and what it
// records. Agents and tools have their own entries (./agents, ./tools).
export { runBuild } from './build.js';
export { createProgress, type ProgressSink } from './progress.js';
export { renderTargetSummary, runTargets, targetOutcome, type TargetOutcome } from './targets.js';
export { hasBuildState } from './repo.js';
export { detectHardcoding, type HardcodingFinding } from './hardcode.js';
export { summarizeGate, redactReport, type GateSummary, type RunConformance } from './gate.js';
export { verdictSchema, type Verdict, type Finding } from './verdict.js';
export { validateBuildReport } from './report-schema.js';
export type { BuildEvent, BuildOptions, BuildReport, BuildState, RoundRecord, TaskRecord } from './types.js';
export { renderHtmlReport, writeHtmlReport, type ReportInput } from './report-html/index.js';
export { findBuildDir } from './report-files.js';
export type { CaseOutcome } from './case-outcomes.js';

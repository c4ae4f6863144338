// What the tools need from the build: the repo root, limits, and (optionally) a way to run
// the visible conformance cases.
import type { CaseFilter, ConformanceReport } from '../../conformance/types.js';
import type { ToolResult } from '../agents/types.js';
import type { IsolationMode } from '../../process/index.js';

/**
 * The only filter an agent can express: hidden cases are excluded by construction
 * (`hidden: 'exclude'` is fixed by the tool, never taken from the model).
 */
export type VisibleCaseFilter = Pick<CaseFilter, 'pattern' | 'functions' | 'ids'> & { hidden: 'exclude' };

/** Runs the visible conformance cases against the repo (the build injects it). */
export type RunConformance = (filter: VisibleCaseFilter, signal?: AbortSignal) => Promise<ConformanceReport>;

export interface ToolContext {
  /** The build repo (absolute); every path is confined here. */
  root: string;
  runConformance?: RunConformance;
  /** run_command: default and maximum timeout; default 120000 / 600000 ms. */
  commandTimeoutMs?: number;
  maxCommandTimeoutMs?: number;
  /** run_command: output cap; default 16 KiB. */
  maxOutputBytes?: number;
  /** read_file: cap; default 64 KiB. */
  maxReadBytes?: number;
  /**
   * Repo-relative directories agents may read but not write (besides `.git/`, always).
   * Default `['.ghost']`: the build's own bookkeeping (spec copy, plan, state).
   */
  readOnly?: string[];
  /** Extra env var names run_command may pass through (default none). */
  envAllow?: string[];
  /** The build's language: its runtime is made visible inside run_command's jail. */
  language?: string;
  /** run_command's isolation: `auto` (default) jails when bubblewrap works. */
  isolation?: IsolationMode;
}

export const DEFAULT_READ_ONLY = ['.ghost'];

export function ok(content: string): ToolResult {
  return { content };
}

export function fail(content: string): ToolResult {
  return { content, isError: true };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

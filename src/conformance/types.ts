// One report shape for every run of the conformance suite: `ghost test`, the build gate,
// `ghost verify`. Schema: schemas/report.schema.json. Reporters only read this.

export type CaseStatus = 'passed' | 'failed' | 'errored' | 'skipped';

/** What the implementation produced for a call case. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

export interface CaseResult {
  id: string;
  kind: 'call' | 'command';
  fn?: string;
  hidden: boolean;
  status: CaseStatus;
  durationMs: number;
  requirements: string[];
  /** Visible call cases: the positional arguments. Never set for hidden cases. */
  args?: unknown[];
  /** Visible cases: the call as code (`clamp(42, 0, 10)`) or the command line. */
  call?: string;
  /** Visible cases: where the spec (or its case file) wrote the case, `file:line`. */
  source?: string;
  /** Human-readable reason for failed/errored (e.g. the diff headline, "timed out after 5000 ms"). */
  message?: string;
  expected?: unknown;
  actual?: unknown;
  /** Whatever the implementation printed while serving this case (truncated). */
  output?: string;
}

export interface ConformanceReport {
  reportVersion: 1;
  spec: { name: string; version?: string; hash: string };
  implementation: { dir: string; language: string };
  /** How the implementation was isolated: `bubblewrap` (the jail) or `none` (unjailed). */
  isolation: 'bubblewrap' | 'none';
  startedAt: string;
  durationMs: number;
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /**
   * The implementation failed to load (syntax error, missing module, …): the message, with
   * `file:line` where the driver knows it, and what it printed. Every call case then errors
   * with this message; reporters show it once.
   */
  loadError?: { message: string; output?: string };
  /** Present when the run was one shard of the selection (`ghost test --shard i/n`). */
  shard?: Shard;
  results: CaseResult[];
}

/** Shard `index` of `count` (1-based): the selected cases at positions p with p mod count = index - 1. */
export interface Shard {
  index: number;
  count: number;
}

export interface CaseFilter {
  /** Only cases of these functions. */
  functions?: string[];
  /** Substring or /regex/ matched against case ids. */
  pattern?: string;
  /** Only cases that check at least one of these requirement ids. */
  requirements?: string[];
  /** Exactly these case ids (e.g. last failures). */
  ids?: string[];
  /** `include` (default): all; `exclude`: visible only; `only`: hidden only. */
  hidden?: 'include' | 'exclude' | 'only';
  /** Applied last, after every other filter: one deterministic slice for a CI matrix. */
  shard?: Shard;
}

export interface RunOptions {
  implDir: string;
  /** Autodetected from the directory when absent. */
  language?: string;
  /** Parallel drivers; default: number of cores. */
  jobs?: number;
  /** Per-case timeout; default 5000. */
  timeoutMs?: number;
  /** One driver process per case. */
  isolate?: boolean;
  /**
   * `auto` (default): jail in bubblewrap when it works here, else run unjailed and warn;
   * `bubblewrap`: the jail or a UserError; `none`: unjailed (benchmarks, explicit opt-out).
   */
  isolation?: 'auto' | 'bubblewrap' | 'none';
  /** The old `--sandbox`: same as `isolation: 'bubblewrap'`. */
  sandbox?: boolean;
  /** Names from ghost's environment the implementation may see (besides the allow-list). */
  envAllow?: string[];
  /** Told once when the run degrades (no jail available). */
  onWarning?: (message: string) => void;
  filter?: CaseFilter;
  /** Stop at the first failure; remaining cases are reported as skipped. */
  bail?: boolean;
  /** Called as each case finishes (any order); for progress display. */
  onResult?: (result: CaseResult) => void;
  signal?: AbortSignal;
}

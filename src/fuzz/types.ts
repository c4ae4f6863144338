// The fuzzer's contract: options in, `FuzzReport` out (printed as text or JSON by render.ts).

export type Pattern =
  // several implementations
  | 'value-vs-value'
  | 'value-vs-error'
  | 'error-kind-vs-error-kind'
  | 'crash-or-timeout'
  // one implementation (no oracle)
  | 'undeclared-error'
  | 'wrong-type'
  | 'nondeterministic';

/** One implementation's answer, as JSON. */
export type AnswerView =
  | { value: unknown }
  | { error: { kind: string; message: string } }
  | { crash: string }
  | { timeout: string }
  /** A CLI-shaped implementation's run. */
  | { exit: number; stdout: string };

export interface FuzzOptions {
  /** Implementation directories (one: single-implementation checks). */
  impls: string[];
  /** Generated inputs per function (default 4000; 250 for a CLI program, a process per input). */
  runs?: number;
  /** Default: random, and printed so the run can be repeated. */
  seed?: number;
  /** Only these functions. */
  functions?: string[];
  /** Stop generating new inputs after this long (default 60 s); shrinking gets a little more. */
  timeLimitMs?: number;
  /** Per call (default 2000 ms). */
  timeoutMs?: number;
  sandbox?: boolean;
  /** false: build inputs from the prose and interface only, never from cases (default true). */
  useCases?: boolean;
  /** Disagreements shrunk per (function, pattern) group (default 4). */
  examplesPerGroup?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface FuzzExample {
  /** The shrunk input (positional args; for a CLI-shaped spec `[argv, stdin]`). */
  args: unknown[];
  /** One entry per implementation, in the order given. */
  answers: AnswerView[];
  /** Why, for single-implementation findings. */
  why?: string;
  shrinks: number;
  /** Found by the sweep, whose inputs are the same at every seed (then shrunk like any other). */
  swept?: boolean;
  /** The answer most implementations gave, when there is a strict majority of three or more. */
  majority?: { answer: AnswerView; impls: number[] };
  caseYaml: string;
}

export interface FuzzGroup {
  fn: string;
  pattern: Pattern;
  /** Generated inputs that fell in this group before shrinking. */
  inputs: number;
  sections: Array<{ slug: string; title: string; number?: string }>;
  requirements: string[];
  examples: FuzzExample[];
}

export interface FuzzReport {
  fuzzVersion: 1;
  spec: { name: string; file: string };
  mode: 'differential' | 'single';
  seed: number;
  usedCases: boolean;
  impls: Array<{ dir: string; language: string }>;
  functions: Array<{ name: string; inputs: number; findings: number; skipped?: string }>;
  inputs: number;
  durationMs: number;
  /** Inputs answered per implementation per minute during the search (not shrinking). */
  inputsPerMinute: number;
  timedOut: boolean;
  groups: FuzzGroup[];
}

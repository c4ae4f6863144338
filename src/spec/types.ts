// The typed model of a ghost spec. Everything downstream (plan, build, conformance,
// registry) consumes `Spec`; nothing downstream ever re-reads the Markdown.
// The JSON Schema for this shape is schemas/spec.schema.json; keep them in step.

/** 1-based line and column, like unist points. */
export interface Point {
  line: number;
  column: number;
}

/** Where a thing came from: a file (the spec or an imported case file) and a range in it. */
export interface Location {
  file: string;
  start: Point;
  end?: Point;
}

export type Severity = 'error' | 'warning' | 'info';

/** A finding about the input, as data (unified's VFileMessage, without the class). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Stable rule id, e.g. `yaml-syntax`, `unknown-function`. */
  rule: string;
}

/** A JSON Schema fragment (as written in the spec; validated by ajv). */
export type JsonSchema = Record<string, unknown>;

export interface Section {
  /** GitHub-style slug, unique in the spec (`-1`, `-2` suffixes on repeats). */
  slug: string;
  title: string;
  depth: number;
  /**
   * Prose of this section alone (children excluded), as plain Markdown source, without its
   * case blocks (conformance and example fences): cases live in `Spec.cases`, and a hidden
   * one must never travel with the prose.
   */
  text: string;
  /** sha256 (hex, 16 chars) of title + source (case blocks included); tells a rebuild what changed. */
  hash: string;
  /** Section number if the heading carries one ("4.2 Rounding" → "4.2"). */
  number?: string;
  location: Location;
  children: Section[];
}

export interface Param {
  name: string;
  schema: JsonSchema;
  optional: boolean;
  default?: unknown;
}

export interface FunctionDecl {
  name: string;
  summary?: string;
  params: Param[];
  returns: JsonSchema;
  /** Named error kinds the function may raise. */
  errors: string[];
  /** Slug of the section that documents it. */
  section?: string;
  /** `block`: ```yaml interface; `heading`: `### name(a, b?) -> type`. */
  origin: 'block' | 'heading';
  location: Location;
}

export type Compare = { mode: 'exact' } | { mode: 'unordered' } | { mode: 'tolerance'; tolerance: number };

export type CallExpectation =
  | { kind: 'value'; value: unknown }
  /** `errorKind` absent: any error is acceptable. */
  | { kind: 'error'; errorKind?: string };

interface CaseBase {
  /** Unique in the spec. */
  id: string;
  hidden: boolean;
  /** Requirement ids this case checks. */
  requirements: string[];
  /** Slug of the section the case was written in (imported cases: none). */
  section?: string;
  location: Location;
}

export interface CallCase extends CaseBase {
  kind: 'call';
  fn: string;
  /**
   * Positional, in declared parameter order. Named inputs are resolved against the
   * interface at parse time, so drivers never need parameter names.
   */
  args: unknown[];
  /** The spec wrote the arguments by parameter name (reports show the call that way). */
  named?: true;
  expect: CallExpectation;
  compare: Compare;
}

export interface CommandCase extends CaseBase {
  kind: 'command';
  argv: string[];
  stdin: string;
  expect: {
    exitCode: number;
    /** Absent: stdout is not checked. */
    stdout?: string;
    stderrContains?: string;
  };
}

export type Case = CallCase | CommandCase;

export type RequirementLevel =
  | 'MUST'
  | 'MUST NOT'
  | 'REQUIRED'
  | 'SHALL'
  | 'SHALL NOT'
  | 'SHOULD'
  | 'SHOULD NOT'
  | 'RECOMMENDED'
  | 'NOT RECOMMENDED'
  | 'MAY'
  | 'OPTIONAL';

export interface Requirement {
  /** Explicit `[R-...]` tag, else `R-<section-slug>-<ordinal>`. */
  id: string;
  level: RequirementLevel;
  text: string;
  section: string;
  location: Location;
}

export interface SpecMeta {
  /** Format version from front matter (`ghost: 1`); 1 when absent. */
  format: 1;
  name: string;
  version?: string;
  summary?: string;
  license?: string;
  /** Languages the author expects implementations in. */
  targets?: string[];
  /** Case files, relative to the spec, as written in front matter (or discovered). */
  tests: string[];
  /** Whether the spec had front matter at all. */
  frontMatter: boolean;
  /** The program name, for CLI-shaped specs. */
  command?: string;
}

export interface Spec {
  file: string;
  meta: SpecMeta;
  /** The H1 (or the front-matter name when no H1). */
  title: string;
  sections: Section[];
  functions: FunctionDecl[];
  cases: Case[];
  requirements: Requirement[];
  /** sha256 of the spec and every imported case file, in order (hex, full). */
  hash: string;
  /** Where the case blocks and case files sit in the sources: what `visibleSpec` cuts. */
  spans: SpecSpans;
}

/** A [start, end) range of UTF-16 offsets in the spec source, always whole lines. */
export interface Span {
  start: number;
  end: number;
}

/** A fenced case block (`yaml conformance` or `example`) and the cases in it. */
export interface CaseBlockSpan extends Span {
  kind: 'conformance' | 'example';
  /** Every case in it is hidden, or it cannot be read case by case: it is cut whole. */
  hidden: boolean;
  /** One per item of a conformance block's list, in order (comments before an item go with it). */
  items: Array<Span & { hidden: boolean }>;
}

/** An imported case file: which of its cases are hidden. */
export interface CaseFileSpan {
  /** As listed in `meta.tests`. */
  listed: string;
  /** The path it was read from. */
  path: string;
  /** Every case in it is hidden (or it could not be read case by case). */
  hidden: boolean;
  /** YAML paths of its hidden cases: `[fn, i]`, `['cases', i]` or `[i]`. */
  hiddenItems: Array<Array<string | number>>;
}

export interface SpecSpans {
  /** The front matter's YAML text (between the `---` lines). */
  frontMatter?: Span;
  blocks: CaseBlockSpan[];
  caseFiles: CaseFileSpan[];
}

/** What every front-end entry point returns: a model (possibly partial) and findings. */
export interface CheckResult {
  spec: Spec;
  diagnostics: Diagnostic[];
}

// The task plan: what the implementer is asked to do, in order. Deterministic: the same
// Spec gives a byte-identical Plan. Schema: schemas/plan.schema.json.

export type TaskKind = 'scaffold' | 'function' | 'section' | 'integration';

export interface Task {
  /** Stable, e.g. `01-scaffold`, `02-fn-slugify`, `07-integration`. */
  id: string;
  kind: TaskKind;
  title: string;
  /** Instructions plus the spec prose this task covers (Markdown). */
  text: string;
  functions: string[];
  /** Section slugs whose text is carried: the task's own, then (function tasks) its shared rules. */
  sections: string[];
  requirements: string[];
  /** Visible case ids only; hidden cases never appear in a plan. */
  cases: string[];
  dependsOn: string[];
  /** sha256 (hex, 16) of everything the task was made from. */
  hash: string;
}

export interface Plan {
  planVersion: 1;
  spec: { name: string; version?: string; hash: string };
  /** `cases`: acceptance by conformance; `review`: no cases, acceptance rests on review. */
  acceptance: 'cases' | 'review';
  /**
   * What the tasks are cut along: `functions` (one task per function group), `command`
   * (CLI-shaped: section groups with command cases), `prose` (section groups, no cases).
   */
  shape?: 'functions' | 'command' | 'prose';
  /** Target language the scaffold was written for (normalised: `ts` → `typescript`). */
  language?: string;
  tasks: Task[];
  /** Counts for humans; hidden count is known, hidden ids are not. */
  cases: { visible: number; hidden: number };
  warnings: string[];
  /** sha256 (hex, 16) of the tasks' hashes. */
  hash: string;
}

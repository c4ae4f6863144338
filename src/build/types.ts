// What a build records. `BuildState` is committed after every step (.ghost/state.json) and
// is all `--resume` needs; the final `BuildReport` (.ghost/report.json, schema:
// schemas/build-report.schema.json) is the state plus the outcome.
import type { Spec } from '../spec/types.js';
import type { Plan } from '../plan/types.js';
import type { Budget, Provider, Usage } from './agents/types.js';
import type { RunConformance } from './gate.js';
import type { HardcodingFinding } from './hardcode.js';
import type { Verdict } from './verdict.js';

export interface TaskRecord {
  id: string;
  title: string;
  hash: string;
  commit: string;
  endReason: string;
  usage: Usage;
}

export interface RoundRecord {
  round: number;
  conformance?: {
    total: number;
    passed: number;
    visibleFailures: string[];
    hiddenTotal: number;
    hiddenFailed: number;
    hiddenRequirements: string[];
  };
  hardcoding?: HardcodingFinding;
  /** `discardedEdits`: files the reviewer changed (it must not); ghost threw them away. */
  review?: { verdict?: Verdict; endReason: string; error?: string; usage: Usage; discardedEdits?: string[] };
  fix?: { commit: string; endReason: string; usage: Usage };
}

export interface BuildState {
  stateVersion: 1;
  spec: { name: string; version?: string; hash: string; file: string };
  language: string;
  planHash: string;
  providers: { implementer: { name: string; model: string }; reviewer: { name: string; model: string } };
  scaffoldCommit: string;
  tasks: TaskRecord[];
  rounds: RoundRecord[];
  usage: { implementer: Usage; reviewer: Usage };
  startedAt: string;
  /** Wall time spent so far, summed over resumed runs. */
  wallMs: number;
  status: 'running' | 'accepted' | 'rejected';
  reasons: string[];
}

export interface BuildReport extends BuildState {
  reportVersion: 1;
  finishedAt: string;
  outDir: string;
  usageTotal: Usage;
}

export type BuildEvent =
  | { type: 'plan'; tasks: Array<{ id: string; title: string }> }
  | { type: 'task-start' | 'task-done'; id: string; detail?: string }
  | { type: 'round'; round: number; stage: 'conformance' | 'review' | 'fix'; detail?: string }
  | { type: 'done'; status: BuildState['status']; reasons: string[] }
  | { type: 'note'; message: string };

export interface BuildOptions {
  spec: Spec;
  /** The spec's Markdown source, for the visible snapshot. */
  specSource: string;
  plan: Plan;
  language: string;
  outDir: string;
  implementer: Provider;
  reviewer: Provider;
  runConformance: RunConformance;
  maxRounds: number;
  /** Whole-build token budget; undefined = unlimited. */
  budgetTokens?: number;
  session: Budget;
  conformance: { timeoutMs?: number; jobs?: number };
  resume: boolean;
  force: boolean;
  onEvent?: (event: BuildEvent) => void;
  /** Incremental rebuild (ghost build --vendor): plan task ids left out, unchanged since the vendored build. */
  skipTasks?: string[];
  /** Incremental rebuild: writes the vendored code into the new repo before the scaffold commit. */
  seed?: (repoDir: string) => Promise<void>;
}

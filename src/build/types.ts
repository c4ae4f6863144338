// What a build records. `BuildState` is committed after every step (.ghost/state.json) and
// is all `--resume` needs; the final `BuildReport` (.ghost/report.json, schema:
// schemas/build-report.schema.json) is the state plus the outcome.
import type { Spec } from '../spec/types.js';
import type { Plan } from '../plan/types.js';
import type { Budget, Provider, Usage } from './agents/types.js';
import type { RunConformance } from './gate.js';
import type { HardcodingFinding } from './hardcode.js';
import type { Verdict } from './verdict.js';

/** What one agent session did, as a person reading the report wants it (src/build/sessions.ts). */
export interface SessionFacts {
  durationMs?: number;
  /** The agent's own summary (finish tool) or final message; agent-controlled text. */
  summary?: string;
  toolCalls?: number;
  turns?: number;
  /** Why a session that did not finish ended: the provider's error plus, for a CLI, its last words. */
  cause?: string;
  /** Transcript file, relative to the build repo (.ghost/sessions/…, never committed). */
  transcript?: string;
}

/** Lines changed by one commit, the build's own .ghost/ bookkeeping left out. */
export interface DiffStat {
  files: number;
  insertions: number;
  deletions: number;
}

export interface TaskRecord extends SessionFacts {
  id: string;
  title: string;
  hash: string;
  commit: string;
  endReason: string;
  usage: Usage;
  diffstat?: DiffStat;
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
    durationMs?: number;
  };
  hardcoding?: HardcodingFinding;
  /** `discardedEdits`: files the reviewer changed (it must not); ghost threw them away. */
  review?: SessionFacts & {
    verdict?: Verdict;
    endReason: string;
    error?: string;
    usage: Usage;
    discardedEdits?: string[];
  };
  fix?: SessionFacts & { commit: string; endReason: string; usage: Usage; diffstat?: DiffStat };
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
  /** How the last conformance gate isolated the implementation (the jail, or none). */
  isolation?: 'bubblewrap' | 'none';
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
  /** Accept on a gate that ran without the jail (no bubblewrap here); otherwise such a build is rejected. */
  allowUnjailed?: boolean;
  onEvent?: (event: BuildEvent) => void;
  /** Incremental rebuild (ghost build --vendor): plan task ids left out, unchanged since the vendored build. */
  skipTasks?: string[];
  /** Incremental rebuild: writes the vendored code into the new repo before the scaffold commit. */
  seed?: (repoDir: string) => Promise<void>;
}

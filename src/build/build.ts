// `ghost build`: plan → implement task by task in a fresh repo → conformance gate (hidden
// cases included) → review → fix rounds → accepted or rejected. Every finished step is a
// commit plus ghost's own checkpoint outside the repo (state.ts), so a killed build resumes
// from its last step, and nothing an agent writes into the repo is ever read back as state.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Budget, SessionResult } from './agents/types.js';
import { stopOnSetupError } from './agents/index.js';
import { changedPaths, commitAll, openBuildRepo, resetToHead, type BuildRepo } from './repo.js';
import { writeCheckpoint } from './state.js';
import { cliToolset, fixPrompt, GHOST_TOOLS, implementerInstructions, taskPrompt } from './prompts.js';
import { blockingFindings } from './verdict.js';
import { gatePassed, summarizeGate, unjailedVerdict, visibleConformance, type GateSummary } from './gate.js';
import { writeScaffold } from './scaffold.js';
import { runReview } from './review.js';
import { addUsage, emptyUsage } from './usage.js';
import { finalizeReport } from './report.js';
import { SessionLog } from './sessions.js';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.js';
import type { BuildEvent, BuildOptions, BuildReport, BuildState, RoundRecord } from './types.js';
import { implementerTools } from './tools/index.js';
import { UserError } from '../util/errors.js';

const STATE_COPY = '.ghost/state.json';

function trailers(o: BuildOptions, taskHash?: string): Record<string, string> {
  return {
    'Ghost-Spec-Hash': o.spec.hash,
    ...(taskHash ? { 'Ghost-Task-Hash': taskHash } : {}),
    'Ghost-Provider': o.implementer.name,
    'Ghost-Model': o.implementer.model,
  };
}

/** The copy of the state committed for people to read; ghost never reads it back. */
async function saveStateCopy(repo: BuildRepo, state: BuildState): Promise<void> {
  await mkdir(path.join(repo.dir, '.ghost'), { recursive: true });
  await writeFile(path.join(repo.dir, STATE_COPY), `${JSON.stringify(state, null, 2)}\n`);
}

/** Commits the step, then records it as ghost's checkpoint (a kill in between redoes the step). */
async function commitStep(
  repo: BuildRepo,
  state: BuildState,
  subject: string,
  trailers: Record<string, string>,
): Promise<string> {
  await saveStateCopy(repo, state);
  const head = await commitAll(repo, subject, trailers);
  await writeCheckpoint(repo.dir, head, state);
  return head;
}

function tokensUsed(state: BuildState): number {
  const u = addUsage(state.usage.implementer, state.usage.reviewer);
  return u.inputTokens + u.outputTokens;
}

/** A session's budget: the per-session limits, capped by what is left of the build's tokens. */
function sessionBudget(o: BuildOptions, state: BuildState): Budget {
  if (o.budgetTokens === undefined) return o.session;
  return { ...o.session, maxTokens: Math.max(0, Math.min(o.session.maxTokens, o.budgetTokens - tokensUsed(state))) };
}

function budgetExhausted(o: BuildOptions, state: BuildState): boolean {
  return o.budgetTokens !== undefined && tokensUsed(state) >= o.budgetTokens;
}

export async function runBuild(o: BuildOptions): Promise<BuildReport> {
  const { repo, checkpoint } = await openBuildRepo(o.outDir, { resume: o.resume, force: o.force });
  try {
    return await buildIn(o, repo, checkpoint?.state);
  } finally {
    repo.release();
  }
}

/** A resumed build judges the tree as it stands: the round in flight runs its gate and review again. */
function resumeState(o: BuildOptions, saved: BuildState): BuildState {
  const state = structuredClone(saved);
  if (state.spec.hash !== o.spec.hash) {
    throw new UserError(
      `the spec changed since this build started (${state.spec.hash.slice(0, 12)} → ${o.spec.hash.slice(0, 12)}); start a new build`,
    );
  }
  const last = state.rounds.at(-1);
  if (state.status !== 'running') {
    // Finished already: its verdict is not reprinted but reached again, on the final tree.
    state.status = 'running';
    state.reasons = [];
    state.rounds.push({ round: state.rounds.length + 1 });
  } else if (last && !last.fix) {
    delete last.conformance;
    delete last.hardcoding;
    delete last.review;
  }
  return state;
}

async function buildIn(o: BuildOptions, repo: BuildRepo, saved: BuildState | undefined): Promise<BuildReport> {
  const started = Date.now();
  const emit = (e: BuildEvent) => o.onEvent?.(e);
  let state: BuildState;
  if (saved) {
    state = resumeState(o, saved);
    emit({
      type: 'note',
      message: `resuming: ${state.tasks.length}/${o.plan.tasks.length} tasks, ${state.rounds.filter((r) => r.review).length} rounds done`,
    });
  } else {
    if (o.resume) emit({ type: 'note', message: 'resuming: no step had finished; starting over' });
    state = {
      stateVersion: 1,
      spec: {
        name: o.spec.meta.name,
        ...(o.spec.meta.version ? { version: o.spec.meta.version } : {}),
        hash: o.spec.hash,
        file: path.basename(o.spec.file),
      },
      language: o.language,
      planHash: o.plan.hash,
      providers: {
        implementer: { name: o.implementer.name, model: o.implementer.model },
        reviewer: { name: o.reviewer.name, model: o.reviewer.model },
      },
      scaffoldCommit: '',
      tasks: [],
      rounds: [],
      usage: { implementer: emptyUsage(), reviewer: emptyUsage() },
      startedAt: new Date(started).toISOString(),
      wallMs: 0,
      status: 'running',
      reasons: [],
    };
    await writeScaffold(repo.dir, o);
    await o.seed?.(repo.dir);
    await saveStateCopy(repo, state);
    state.scaffoldCommit = await commitAll(repo, `ghost: scaffold ${state.spec.name} for ${o.language}`, trailers(o));
    await writeCheckpoint(repo.dir, state.scaffoldCommit, state);
  }
  emit({ type: 'plan', tasks: o.plan.tasks.map((t) => ({ id: t.id, title: t.title })) });
  // Transcripts and per-case gate results are kept for the build report (src/build/sessions.ts).
  const sessions = new SessionLog(repo.dir);
  o = { ...o, implementer: sessions.wrap(o.implementer), reviewer: sessions.wrap(o.reviewer) };
  const gates = new Map<number, CaseOutcome[]>();

  // Wall time accumulates across resumed runs: each checkpoint adds the time since the last one.
  let lastTick = Date.now();
  const checkpoint = async (subject: string, taskHash?: string): Promise<string> => {
    state.wallMs += Date.now() - lastTick;
    lastTick = Date.now();
    return commitStep(repo, state, subject, trailers(o, taskHash));
  };
  // Agent CLIs bring their own tools: they check with `ghost test` and end with a message.
  const toolset = o.implementer.name === 'exec' ? cliToolset(o.spec.file) : GHOST_TOOLS;
  const implement = async (prompt: string, task: string): Promise<SessionResult> =>
    stopOnSetupError(
      await o.implementer.runSession({
        role: 'implementer',
        task,
        instructions: implementerInstructions(o.language, toolset),
        prompt,
        tools: implementerTools({
          root: repo.dir,
          language: o.language,
          runConformance: visibleConformance(o, repo.dir),
        }),
        budget: sessionBudget(o, state),
        cwd: repo.dir,
      }),
    );

  // 1. Tasks, in plan order; finished ones (by id and hash) are skipped on resume.
  for (const task of o.plan.tasks) {
    if (state.status !== 'running') break;
    if (state.tasks.some((t) => t.id === task.id && t.hash === task.hash)) continue;
    if (o.skipTasks?.includes(task.id)) continue;
    if (budgetExhausted(o, state)) {
      state.status = 'rejected';
      state.reasons.push(`token budget exhausted before task ${task.id}`);
      break;
    }
    emit({ type: 'task-start', id: task.id });
    const result = await implement(taskPrompt(o.plan, task), task.id);
    state.usage.implementer = addUsage(state.usage.implementer, result.usage);
    state.tasks.push({
      id: task.id,
      title: task.title,
      hash: task.hash,
      commit: '',
      endReason: result.endReason,
      usage: result.usage,
      ...sessions.factsFor(task.id),
    });
    await checkpoint(`task ${task.id}: ${task.title}`, task.hash);
    emit({ type: 'task-done', id: task.id, detail: result.endReason });
  }

  // 2. Rounds: gate → review → (accept | fix), up to maxRounds.
  while (state.status === 'running') {
    let round = state.rounds.at(-1);
    if (!round || round.fix) {
      round = { round: state.rounds.length + 1 };
      state.rounds.push(round);
    }
    const gate = await gateStep(o, repo, state, round, emit, checkpoint, gates);
    if (!round.review) {
      emit({ type: 'round', round: round.round, stage: 'review' });
      round.review = {
        ...(await runReview({ o, repo, state, round, gate, budget: sessionBudget(o, state) })),
        ...sessions.factsFor(`review-${round.round}`),
      };
      // Reviewers must not change the code; every provider keeps them read-only, and whatever
      // got through anyway is recorded and dropped.
      const edits = await changedPaths(repo);
      if (edits.length) round.review.discardedEdits = edits;
      await resetToHead(repo);
      state.usage.reviewer = addUsage(state.usage.reviewer, round.review.usage);
      await checkpoint(`round ${round.round}: review ${round.review.verdict?.decision ?? round.review.endReason}`);
    }
    const blocking = blockingFindings(round.review.verdict);
    const reviewed = round.review.verdict !== undefined;
    if (gatePassed(gate, o.plan.acceptance) && blocking.length === 0 && reviewed) {
      const unjailed = unjailedVerdict(state.isolation, o.allowUnjailed);
      state.status = unjailed ? 'rejected' : 'accepted';
      if (unjailed) state.reasons.push(unjailed);
      break;
    }
    if (round.round >= o.maxRounds || budgetExhausted(o, state)) {
      state.status = 'rejected';
      state.reasons.push(...rejectionReasons(gate, round, o, state));
      break;
    }
    emit({ type: 'round', round: round.round, stage: 'fix' });
    const result = await implement(fixPrompt(round.round, gate, round.review.verdict, toolset), `fix-${round.round}`);
    state.usage.implementer = addUsage(state.usage.implementer, result.usage);
    round.fix = {
      commit: '',
      endReason: result.endReason,
      usage: result.usage,
      ...sessions.factsFor(`fix-${round.round}`),
    };
    await checkpoint(`round ${round.round}: fix`);
  }

  const report = await finalizeReport(repo, state, o.outDir, gates);
  await checkpoint(`ghost: ${state.status}`);
  emit({ type: 'done', status: state.status, reasons: state.reasons });
  return report;
}

async function gateStep(
  o: BuildOptions,
  repo: BuildRepo,
  state: BuildState,
  round: RoundRecord,
  emit: (e: BuildEvent) => void,
  checkpoint: (subject: string) => Promise<string>,
  gates: Map<number, CaseOutcome[]>,
): Promise<GateSummary> {
  emit({ type: 'round', round: round.round, stage: 'conformance' });
  // Always re-run: the gate is cheap next to a model call, and a resumed build must judge the
  // code as it is, not as a record says it was.
  const report = await o.runConformance(o.spec, { implDir: repo.dir, language: o.language, ...o.conformance });
  if (report.isolation) state.isolation = report.isolation;
  const gate = summarizeGate(report);
  gates.set(round.round, caseOutcomes(report));
  if (!round.conformance) {
    round.conformance = {
      total: gate.total,
      passed: gate.passed,
      visibleFailures: gate.visibleFailures.map((f) => f.id),
      hiddenTotal: gate.hidden.total,
      hiddenFailed: gate.hidden.failed,
      hiddenRequirements: gate.hidden.requirements,
      durationMs: report.durationMs,
    };
    emit({
      type: 'round',
      round: round.round,
      stage: 'conformance',
      detail: `${gate.passed}/${gate.total} cases pass`,
    });
    await checkpoint(`round ${round.round}: conformance ${gate.passed}/${gate.total}`);
  }
  return gate;
}

function rejectionReasons(gate: GateSummary, round: RoundRecord, o: BuildOptions, state: BuildState): string[] {
  const reasons: string[] = [];
  if (!gatePassed(gate, o.plan.acceptance)) {
    reasons.push(
      gate.total === 0
        ? 'no conformance case ran'
        : `${gate.total - gate.passed} of ${gate.total} cases fail (${gate.hidden.failed} hidden)`,
    );
  }
  for (const f of blockingFindings(round.review?.verdict))
    reasons.push(`blocking review finding: ${f.file}: ${f.message}`);
  if (!round.review?.verdict)
    reasons.push(`no valid review verdict (${round.review?.error ?? round.review?.endReason})`);
  reasons.push(
    budgetExhausted(o, state) ? `token budget of ${o.budgetTokens} exhausted` : `max rounds (${o.maxRounds}) reached`,
  );
  return reasons;
}

// `ghost build`: plan → implement task by task in a fresh repo → conformance gate (hidden
// cases included) → review → fix rounds → accepted or rejected. Every finished step is a
// commit carrying .ghost/state.json, so a killed build resumes from its last commit.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Budget, SessionResult } from './agents/types.js';
import { stopOnSetupError } from './agents/index.js';
import { changedPaths, commitAll, openBuildRepo, resetToHead, type BuildRepo } from './repo.js';
import { cliToolset, fixPrompt, GHOST_TOOLS, implementerInstructions, taskPrompt } from './prompts.js';
import { blockingFindings } from './verdict.js';
import { gatePassed, summarizeGate, visibleConformance, type GateSummary } from './gate.js';
import { writeScaffold } from './scaffold.js';
import { runReview } from './review.js';
import { addUsage, emptyUsage } from './usage.js';
import { finalizeReport } from './report.js';
import type { BuildEvent, BuildOptions, BuildReport, BuildState, RoundRecord } from './types.js';
import { implementerTools } from './tools/index.js';
import { UserError } from '../util/errors.js';

const STATE_FILE = '.ghost/state.json';

function trailers(o: BuildOptions, taskHash?: string): Record<string, string> {
  return {
    'Ghost-Spec-Hash': o.spec.hash,
    ...(taskHash ? { 'Ghost-Task-Hash': taskHash } : {}),
    'Ghost-Provider': o.implementer.name,
    'Ghost-Model': o.implementer.model,
  };
}

async function saveState(repo: BuildRepo, state: BuildState): Promise<void> {
  await mkdir(path.join(repo.dir, '.ghost'), { recursive: true });
  await writeFile(path.join(repo.dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

async function loadState(repo: BuildRepo): Promise<BuildState> {
  return JSON.parse(await readFile(path.join(repo.dir, STATE_FILE), 'utf8')) as BuildState;
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
  const started = Date.now();
  const emit = (e: BuildEvent) => o.onEvent?.(e);
  const repo = await openBuildRepo(o.outDir, { resume: o.resume, force: o.force });
  let state: BuildState;
  if (o.resume) {
    await resetToHead(repo);
    state = await loadState(repo);
    if (state.spec.hash !== o.spec.hash) {
      throw new UserError(
        `the spec changed since this build started (${state.spec.hash.slice(0, 12)} → ${o.spec.hash.slice(0, 12)}); start a new build`,
      );
    }
    if (state.status !== 'running') {
      // Finished already (killed after the last commit, or resumed twice): nothing to redo.
      return JSON.parse(await readFile(path.join(repo.dir, '.ghost', 'report.json'), 'utf8')) as BuildReport;
    }
    emit({ type: 'note', message: `resuming: ${state.tasks.length}/${o.plan.tasks.length} tasks, ${state.rounds.length} rounds done` });
  } else {
    state = {
      stateVersion: 1,
      spec: { name: o.spec.meta.name, ...(o.spec.meta.version ? { version: o.spec.meta.version } : {}), hash: o.spec.hash, file: path.basename(o.spec.file) },
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
    await saveState(repo, state);
    state.scaffoldCommit = await commitAll(repo, `ghost: scaffold ${state.spec.name} for ${o.language}`, trailers(o));
  }
  emit({ type: 'plan', tasks: o.plan.tasks.map((t) => ({ id: t.id, title: t.title })) });

  // Wall time accumulates across resumed runs: each checkpoint adds the time since the last one.
  let lastTick = Date.now();
  const checkpoint = async (subject: string, taskHash?: string): Promise<string> => {
    state.wallMs += Date.now() - lastTick;
    lastTick = Date.now();
    await saveState(repo, state);
    return commitAll(repo, subject, trailers(o, taskHash));
  };
  // Agent CLIs bring their own tools: they check with `ghost test` and end with a message.
  const toolset = o.implementer.name === 'exec' ? cliToolset(o.spec.file) : GHOST_TOOLS;
  const implement = async (prompt: string, task: string): Promise<SessionResult> =>
    stopOnSetupError(await o.implementer.runSession({
      role: 'implementer',
      task,
      instructions: implementerInstructions(o.language, toolset),
      prompt,
      tools: implementerTools({ root: repo.dir, runConformance: visibleConformance(o, repo.dir) }),
      budget: sessionBudget(o, state),
      cwd: repo.dir,
    }));

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
    state.tasks.push({ id: task.id, title: task.title, hash: task.hash, commit: '', endReason: result.endReason, usage: result.usage });
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
    const gate = await gateStep(o, repo, state, round, emit, checkpoint);
    if (!round.review) {
      emit({ type: 'round', round: round.round, stage: 'review' });
      round.review = await runReview({ o, repo, state, round, gate, budget: sessionBudget(o, state) });
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
      state.status = 'accepted';
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
    round.fix = { commit: '', endReason: result.endReason, usage: result.usage };
    await checkpoint(`round ${round.round}: fix`);
  }

  const report = await finalizeReport(repo, state, o.outDir);
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
): Promise<GateSummary> {
  emit({ type: 'round', round: round.round, stage: 'conformance' });
  // Always re-run: the gate is cheap next to a model call, and a resumed build must judge the
  // code as it is, not as a record says it was.
  const report = await o.runConformance(o.spec, { implDir: repo.dir, language: o.language, ...o.conformance });
  const gate = summarizeGate(report);
  if (!round.conformance) {
    round.conformance = {
      total: gate.total,
      passed: gate.passed,
      visibleFailures: gate.visibleFailures.map((f) => f.id),
      hiddenTotal: gate.hidden.total,
      hiddenFailed: gate.hidden.failed,
      hiddenRequirements: gate.hidden.requirements,
    };
    emit({ type: 'round', round: round.round, stage: 'conformance', detail: `${gate.passed}/${gate.total} cases pass` });
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
  for (const f of blockingFindings(round.review?.verdict)) reasons.push(`blocking review finding: ${f.file}: ${f.message}`);
  if (!round.review?.verdict) reasons.push(`no valid review verdict (${round.review?.error ?? round.review?.endReason})`);
  reasons.push(
    budgetExhausted(o, state) ? `token budget of ${o.budgetTokens} exhausted` : `max rounds (${o.maxRounds}) reached`,
  );
  return reasons;
}


// The provider-independent agent loop: ask a turn source for the next model turn, run its
// tool calls against the real tools, enforce budgets, validate a structured final answer
// (re-asking once), and keep the transcript. OpenAI and scripted providers share it.
import { ProviderSetupError } from './setup-error.js';
import type { ModelTurn, SessionRecorder } from './session-file.js';
import { StalledError } from './stall.js';
import { checkStructured, reaskMessage } from './structured.js';
import { executeToolCall } from './tool-call.js';
import type { EndReason, SessionRequest, SessionResult, TranscriptEntry, Usage } from './types.js';

/** Largest delay setTimeout honours (~24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TurnContext {
  signal: AbortSignal;
  /** 0-based index of this model call in the session. */
  turn: number;
}

/** Where turns come from: a model server, or a script. */
export interface TurnSource {
  readonly model: string;
  /**
   * Throwing ends the session with endReason `error` (`stalled` for a StalledError; `max-wall`
   * if the wall budget aborted it).
   */
  next(transcript: readonly TranscriptEntry[], ctx: TurnContext): Promise<ModelTurn>;
  /**
   * Whether another turn is available (scripts end; servers always have one). A nudge is only
   * sent when true, so a replay nudges exactly where the recorded session was nudged.
   */
  hasMore?(): boolean;
  /** Cost of one call's tokens; `note` when the price is unknown (said once per session). */
  cost(inputTokens: number, outputTokens: number): { costUsd: number; note?: string };
}

export interface LoopOptions {
  recorder?: SessionRecorder;
  /** Extra notes at the start of the transcript (e.g. "scripted session from line 12"). */
  notes?: string[];
  /**
   * When a session that has a `finish` tool gets a plain text turn, ask this many times to go
   * on with the tools (or call finish) before accepting the text as the final message. Default 1.
   */
  maxNudges?: number;
}

export const NUDGE_MESSAGE =
  'You replied without calling a tool. If the task is not done, continue using the tools. ' +
  'If it is done, call finish with a short summary.';

/** The system prompt plus, for a structured answer, how to give it. */
export function systemPrompt(request: SessionRequest): string {
  if (!request.responseSchema) return request.instructions;
  return (
    `${request.instructions}\n\nWhen you are done, reply with only a JSON object (no prose) matching the schema ` +
    `"${request.responseSchema.name}":\n${JSON.stringify(request.responseSchema.schema)}`
  );
}

export async function runLoop(
  request: SessionRequest,
  source: TurnSource,
  opts: LoopOptions = {},
): Promise<SessionResult> {
  const transcript: TranscriptEntry[] = [
    { type: 'system', content: systemPrompt(request) },
    { type: 'user', content: request.prompt },
  ];
  for (const n of opts.notes ?? []) transcript.push({ type: 'note', content: n });
  const usage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const { budget } = request;
  const started = Date.now();
  const wall = new AbortController();
  // setTimeout overflows past 2^31-1 ms (and would fire at once): clamp.
  const wallTimer = setTimeout(
    () => wall.abort(new Error('wall-clock budget exhausted')),
    Math.min(budget.maxWallMs, MAX_TIMER_MS),
  );
  const signal = request.signal ? AbortSignal.any([request.signal, wall.signal]) : wall.signal;
  let turns = 0;
  let reasked = false;
  let nudges = 0;
  let priceNoted = false;
  opts.recorder?.startSession(request.role, request.task, source.model);

  const end = (endReason: EndReason, finalMessage = '', extra: Partial<SessionResult> = {}): SessionResult => {
    clearTimeout(wallTimer);
    if (endReason !== 'finished' && endReason !== 'final-message') {
      transcript.push({
        type: 'note',
        content: `session ended: ${endReason}${extra.error ? ` (${extra.error})` : ''}`,
      });
    }
    return { endReason, finalMessage, transcript, usage, turns, model: source.model, ...extra };
  };

  try {
    for (;;) {
      if (request.signal?.aborted) return end('error', '', { error: 'aborted' });
      if (wall.signal.aborted || Date.now() - started >= budget.maxWallMs) return end('max-wall');
      if (turns >= budget.maxTurns) return end('max-turns');
      if (usage.inputTokens + usage.outputTokens >= budget.maxTokens) return end('max-tokens');

      let turn: ModelTurn;
      try {
        turn = await source.next(transcript, { signal, turn: turns });
      } catch (e) {
        if (wall.signal.aborted) return end('max-wall');
        const error = e instanceof Error ? e.message : String(e);
        opts.recorder?.error(error);
        if (e instanceof StalledError) return end('stalled', '', { error });
        return end('error', '', { error, ...(e instanceof ProviderSetupError ? { setupError: error } : {}) });
      }
      turns++;
      opts.recorder?.turn(turn);
      for (const n of turn.notes ?? []) transcript.push({ type: 'note', content: n });
      if (turn.usage) {
        const { costUsd, note } = source.cost(turn.usage.inputTokens, turn.usage.outputTokens);
        usage.inputTokens += turn.usage.inputTokens;
        usage.outputTokens += turn.usage.outputTokens;
        usage.costUsd += costUsd;
        transcript.push({ type: 'usage', model: source.model, ...turn.usage, costUsd });
        if (note && !priceNoted) {
          priceNoted = true;
          transcript.push({ type: 'note', content: note });
        }
      }
      transcript.push({
        type: 'assistant',
        content: turn.content,
        ...(turn.toolCalls.length ? { toolCalls: turn.toolCalls } : {}),
      });

      if (turn.toolCalls.length > 0) {
        for (const [i, call] of turn.toolCalls.entries()) {
          if (wall.signal.aborted) return end('max-wall');
          const result = await executeToolCall(request.tools, call, { signal, deadline: started + budget.maxWallMs });
          transcript.push({
            type: 'tool',
            callId: call.id,
            name: call.name,
            content: result.content,
            ...(result.isError ? { isError: true } : {}),
          });
          if (result.final && !result.isError) {
            const skipped = turn.toolCalls.length - i - 1;
            if (skipped > 0)
              transcript.push({ type: 'note', content: `${skipped} tool call(s) after finish were not run` });
            return end('finished', result.content);
          }
        }
        continue;
      }

      const text = turn.content ?? '';
      if (!request.responseSchema) {
        const canFinish = request.tools.some((t) => t.name === 'finish');
        if (canFinish && nudges < (opts.maxNudges ?? 1) && (source.hasMore?.() ?? true)) {
          nudges++;
          transcript.push({ type: 'user', content: NUDGE_MESSAGE });
          continue;
        }
        return end('final-message', text);
      }
      const check = checkStructured(text, request.responseSchema);
      if (check.ok) return end('final-message', check.json, { structured: check.value });
      if (!reasked) {
        reasked = true;
        transcript.push({ type: 'note', content: `final answer did not validate; asking once more:\n${check.errors}` });
        transcript.push({ type: 'user', content: reaskMessage(request.responseSchema, check.errors) });
        continue;
      }
      return end('error', text, {
        error: `final answer did not match schema "${request.responseSchema.name}": ${check.errors}`,
      });
    }
  } finally {
    clearTimeout(wallTimer);
  }
}

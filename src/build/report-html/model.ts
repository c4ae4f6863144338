// What the HTML report is made from, and the shaping that turns it into what the page shows.
// Pure data in, pure data out: loading from disk and git lives in load.ts.
import type { TranscriptEntry, Usage } from '../agents/types.js';
import type { CaseOutcome } from '../case-outcomes.js';
import type { BuildReport, SessionFacts } from '../types.js';

export interface ReportInput {
  report: BuildReport;
  /** Per-case gate results by round (missing for rounds run before a resume). */
  gates: Map<number, CaseOutcome[]>;
  /** Transcripts by repo-relative path (SessionFacts.transcript). */
  transcripts: Map<string, TranscriptEntry[]>;
  /** Patches: a task's commit by task id, a fix commit by round, and what each round's reviewer saw. */
  diffs: { tasks: Map<string, string>; fixes: Map<number, string>; reviewed: Map<number, string> };
}

export type SegmentKind = 'task' | 'gate' | 'review' | 'fix';

export interface Segment {
  kind: SegmentKind;
  label: string;
  href: string;
  durationMs: number;
  ok: boolean;
}

const finished = (endReason: string) => endReason === 'finished' || endReason === 'final-message';

export const taskAnchor = (id: string) => `task-${id.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
export const roundAnchor = (round: number) => `round-${round}`;

/** Every step in order, each with its duration, for the timeline bar. */
export function timeline(report: BuildReport): Segment[] {
  const segments: Segment[] = report.tasks.map((t) => ({
    kind: 'task',
    label: `${t.id} ${t.title}`,
    href: `#${taskAnchor(t.id)}`,
    durationMs: t.durationMs ?? 0,
    ok: finished(t.endReason),
  }));
  for (const r of report.rounds) {
    const href = `#${roundAnchor(r.round)}`;
    if (r.conformance) {
      const c = r.conformance;
      segments.push({
        kind: 'gate',
        label: `round ${r.round}: conformance ${c.passed}/${c.total}`,
        href,
        durationMs: c.durationMs ?? 0,
        ok: c.passed === c.total,
      });
    }
    if (r.review) {
      const decision = r.review.verdict?.decision ?? 'no verdict';
      segments.push({
        kind: 'review',
        label: `round ${r.round}: review (${decision})`,
        href,
        durationMs: r.review.durationMs ?? 0,
        ok: decision === 'approve',
      });
    }
    if (r.fix)
      segments.push({
        kind: 'fix',
        label: `round ${r.round}: fix`,
        href,
        durationMs: r.fix.durationMs ?? 0,
        ok: finished(r.fix.endReason),
      });
  }
  return segments;
}

export interface ToolCallView {
  name: string;
  /** Arguments, pretty-printed when they are JSON. */
  args: string;
  result?: string;
  isError: boolean;
}

const RESULT_MAX = 6000;
const clip = (s: string, max: number) =>
  s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s;

/**
 * Tool arguments for reading: one `key: value` per line, and a multi-line string (a file's
 * content, a patch) as its own indented text instead of one long JSON string full of `\n`.
 */
export function readableArgs(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value, null, 2);
  return Object.entries(value)
    .map(([k, v]) =>
      typeof v === 'string' && v.includes('\n')
        ? `${k}:\n${v
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n')}`
        : `${k}: ${JSON.stringify(v)}`,
    )
    .join('\n');
}

/** Each tool call of a transcript with the result that answered it. */
export function toolCalls(transcript: readonly TranscriptEntry[]): ToolCallView[] {
  const results = new Map<string, { content: string; isError: boolean }>();
  for (const e of transcript)
    if (e.type === 'tool') results.set(e.callId, { content: e.content, isError: Boolean(e.isError) });
  const calls: ToolCallView[] = [];
  for (const e of transcript) {
    if (e.type !== 'assistant') continue;
    for (const call of e.toolCalls ?? []) {
      const r = results.get(call.id);
      calls.push({
        name: call.name,
        args: clip(readableArgs(call.arguments), RESULT_MAX),
        ...(r ? { result: clip(r.content, RESULT_MAX) } : {}),
        isError: r?.isError ?? false,
      });
    }
  }
  return calls;
}

/** The task the agent was given (its first user message), clipped. */
export function sessionPrompt(transcript: readonly TranscriptEntry[]): string | undefined {
  const first = transcript.find((e) => e.type === 'user');
  return first?.type === 'user' ? clip(first.content, 20_000) : undefined;
}

/** Notes and the final text of a session that has no tool calls of ours (agent CLIs). */
export function sessionNotes(transcript: readonly TranscriptEntry[]): string[] {
  return transcript.filter((e) => e.type === 'note').map((e) => clip(e.type === 'note' ? e.content : '', RESULT_MAX));
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export const fmtTokens = (u: Usage) => `${(u.inputTokens + u.outputTokens).toLocaleString('en-US')} tokens`;
export const fmtCost = (u: Usage) => `$${u.costUsd.toFixed(4)}`;

export type Session = SessionFacts & { endReason: string; usage: Usage };
export const isFinished = finished;

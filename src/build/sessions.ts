// Every agent session of a build is kept: its transcript (turns, tool calls with arguments and
// results, usage, end reason and cause) goes to .ghost/sessions/<task>-<role>.jsonl in the build
// directory, excluded from commits; what a person wants at a glance (time, summary, tool calls,
// cause) goes into the task's record. Transcripts hold only what the agent itself saw, so no
// hidden case's values can appear there: the gate's results never reach an agent.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Provider, SessionRequest, SessionResult, TranscriptEntry } from './agents/types.js';
import { excludeFromCommits, GATE_DIR, REPORT_HTML } from './report-files.js';
import type { SessionFacts } from './types.js';

export const SESSIONS_DIR = '.ghost/sessions';
const SUMMARY_MAX = 4000;
const CAUSE_MAX = 400;

/** The header line of a transcript file; every other line is one TranscriptEntry. */
export interface TranscriptHeader {
  type: 'session';
  role: SessionRequest['role'];
  task?: string;
  model: string;
  endReason: SessionResult['endReason'];
  error?: string;
  cause?: string;
  turns: number;
  durationMs: number;
  usage: SessionResult['usage'];
}

export function countToolCalls(transcript: readonly TranscriptEntry[]): number {
  return transcript.reduce((n, e) => n + (e.type === 'assistant' ? (e.toolCalls?.length ?? 0) : 0), 0);
}

/** The last lines an agent CLI printed that say what went wrong (or just its last line). */
function lastWords(transcript: readonly TranscriptEntry[]): string | undefined {
  const out = transcript.findLast((e) => e.type === 'note' && e.content.startsWith('exec output'));
  if (out?.type !== 'note') return undefined;
  const lines = out.content
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.filter((l) =>
    /error|unauthori[sz]ed|forbidden|denied|missing|refused|not found|fail|invalid|\b[45]\d\d\b/i.test(l),
  );
  return (telling.at(-1) ?? lines.at(-1))?.slice(0, CAUSE_MAX);
}

/** Why a session ended without finishing its job; undefined when it did finish. */
export function sessionCause(result: SessionResult): string | undefined {
  if (result.endReason === 'finished' || (result.endReason === 'final-message' && !result.error)) return undefined;
  const base = result.error ?? result.endReason;
  const words = lastWords(result.transcript);
  return (words && !base.includes(words) ? `${base}: ${words}` : base).slice(0, CAUSE_MAX * 2);
}

export function sessionFacts(result: SessionResult, durationMs: number, transcriptFile?: string): SessionFacts {
  const cause = sessionCause(result);
  const summary = result.finalMessage.trim();
  return {
    durationMs,
    ...(summary ? { summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX)}…` : summary } : {}),
    toolCalls: countToolCalls(result.transcript),
    turns: result.turns,
    ...(cause ? { cause } : {}),
    ...(transcriptFile ? { transcript: transcriptFile } : {}),
  };
}

function fileName(request: SessionRequest, taken: Set<string>): string {
  const base = `${request.task ?? 'session'}-${request.role}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  let name = `${base}.jsonl`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.jsonl`;
  taken.add(name);
  return name;
}

/** Wraps providers so that each session's transcript is kept and its facts remembered by task label. */
export class SessionLog {
  private readonly facts = new Map<string, SessionFacts>();
  private readonly taken = new Set<string>();
  private cleared?: Promise<void>;

  constructor(private readonly repoDir: string) {}

  wrap(provider: Provider): Provider {
    return {
      name: provider.name,
      model: provider.model,
      runSession: async (request) => {
        // A resumed build may hold the last run's per-case results and page, which name hidden
        // cases: no agent session runs while they exist (report.ts writes them again at the end).
        this.cleared ??= Promise.all(
          [GATE_DIR, REPORT_HTML].map((f) => rm(path.join(this.repoDir, f), { recursive: true, force: true })),
        ).then(() => {});
        await this.cleared;
        const started = Date.now();
        const result = await provider.runSession(request);
        const durationMs = Date.now() - started;
        const file = await this.keep(request, result, durationMs);
        this.facts.set(request.task ?? request.role, sessionFacts(result, durationMs, file));
        return result;
      },
    };
  }

  /** Facts of the last session run for this task label (`02-fn-x`, `fix-1`, `review-1`). */
  factsFor(label: string): SessionFacts {
    return this.facts.get(label) ?? {};
  }

  private async keep(request: SessionRequest, result: SessionResult, durationMs: number): Promise<string | undefined> {
    const dir = path.join(this.repoDir, SESSIONS_DIR);
    try {
      await excludeFromCommits(this.repoDir, [`${SESSIONS_DIR}/`]);
      await mkdir(dir, { recursive: true });
      // A resumed build starts a new list: never overwrite a transcript already on disk.
      let name = fileName(request, this.taken);
      while (existsSync(path.join(dir, name))) name = fileName(request, this.taken);
      const cause = sessionCause(result);
      const header: TranscriptHeader = {
        type: 'session',
        role: request.role,
        ...(request.task ? { task: request.task } : {}),
        model: result.model,
        endReason: result.endReason,
        ...(result.error ? { error: result.error } : {}),
        ...(cause ? { cause } : {}),
        turns: result.turns,
        durationMs,
        usage: result.usage,
      };
      const lines = [header, ...result.transcript].map((e) => JSON.stringify(e));
      await writeFile(path.join(dir, name), `${lines.join('\n')}\n`);
      return `${SESSIONS_DIR}/${name}`;
    } catch {
      // A transcript is for people; failing to keep one must not fail the build.
      return undefined;
    }
  }
}

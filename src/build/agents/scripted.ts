// Scripted provider: replays a session file (JSON lines) through the real loop and the real
// tools, so files really get written. One file can hold every session of a build; each
// runSession takes the first unused session whose header matches its role (and task).
// Transcripts say `scripted:<file>`: this is never a model's output.
import path from 'node:path';
import { runLoop, type TurnSource } from './loop.js';
import { readSessionFile, SessionRecorder, type ScriptedSession } from './session-file.js';
import type { Provider, SessionRequest, SessionResult } from './types.js';

export interface ScriptedProviderOptions {
  /** Session file to replay. */
  file?: string;
  /** Or already-parsed sessions (tests). */
  sessions?: ScriptedSession[];
  /** Label for `scripted:<label>`; default the file's base name. */
  label?: string;
  record?: string | SessionRecorder;
}

export class ScriptedProvider implements Provider {
  readonly name = 'scripted';
  readonly model: string;
  private readonly sessions: ScriptedSession[];
  private readonly used = new Set<ScriptedSession>();
  private readonly recorder: SessionRecorder | undefined;

  constructor(opts: ScriptedProviderOptions) {
    if (opts.sessions) this.sessions = opts.sessions;
    else if (opts.file) this.sessions = readSessionFile(opts.file);
    else throw new Error('ScriptedProvider needs a file or sessions');
    this.model = `scripted:${opts.label ?? (opts.file ? path.basename(opts.file) : 'inline')}`;
    this.recorder = typeof opts.record === 'string' ? new SessionRecorder(opts.record) : opts.record;
  }

  /** Sessions not replayed yet (a build that consumed fewer sessions than recorded diverged). */
  remaining(): ScriptedSession[] {
    return this.sessions.filter((s) => !this.used.has(s));
  }

  private take(request: SessionRequest): ScriptedSession | undefined {
    const s = this.sessions.find(
      (s) =>
        !this.used.has(s) &&
        (s.role === undefined || s.role === request.role) &&
        (s.task === undefined || s.task === request.task),
    );
    if (s) this.used.add(s);
    return s;
  }

  async runSession(request: SessionRequest): Promise<SessionResult> {
    const session = this.take(request);
    const model = this.model;
    const label = `${request.role}${request.task ? `/${request.task}` : ''}`;
    let next = 0;
    const source: TurnSource = {
      model,
      cost: () => ({ costUsd: 0 }),
      hasMore: () => session !== undefined && next < session.turns.length,
      async next() {
        if (!session) throw new Error(`no scripted session left for ${label}`);
        const t = session.turns[next++];
        if (!t) throw new Error(`script exhausted: the session at line ${session.line} has no more turns`);
        if (t.kind === 'error') throw new Error(`recorded error (line ${t.line}): ${t.error ?? ''}`);
        return t.turn;
      },
    };
    const notes = [
      session
        ? `scripted replay of ${model} (session at line ${session.line}); no model was called`
        : `scripted replay of ${model}; no session matches ${label}`,
    ];
    return runLoop(request, source, { notes, ...(this.recorder ? { recorder: this.recorder } : {}) });
  }
}

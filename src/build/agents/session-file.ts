// Scripted-session files (JSON lines): the format the scripted provider replays and
// `--record FILE` writes. Format: fixtures/sessions/README.md.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../util/errors.js';
import type { SessionRole, ToolCallRecord } from './types.js';

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One model turn, as the loop consumes it (from a server or from a script). */
export interface ModelTurn {
  content: string | null;
  toolCalls: ToolCallRecord[];
  usage?: TurnUsage;
  /** Provider remarks for the transcript (fallbacks taken, truncation, ...). */
  notes?: string[];
}

export interface ScriptedTurn {
  /** 1-based line in the file, for error messages. */
  line: number;
  /** `error`: the recorded session failed here (the replay ends with endReason `error`). */
  kind: 'turn' | 'error';
  turn: ModelTurn;
  error?: string;
}

export interface ScriptedSession {
  /** Absent: an anonymous session (turns before any header) that matches any request. */
  role?: SessionRole;
  task?: string;
  line: number;
  turns: ScriptedTurn[];
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseUsage(v: unknown): TurnUsage | undefined {
  if (!isObj(v)) return undefined;
  const i = v.inputTokens ?? v.prompt_tokens;
  const o = v.outputTokens ?? v.completion_tokens;
  return { inputTokens: typeof i === 'number' ? i : 0, outputTokens: typeof o === 'number' ? o : 0 };
}

function parseCalls(v: unknown, where: string, turnNo: number): ToolCallRecord[] {
  if (!Array.isArray(v) || v.length === 0) throw new UserError(`${where}: "calls" must be a non-empty array`);
  return v.map((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string') throw new UserError(`${where}: call ${i + 1} needs a "name"`);
    let args: string;
    if (typeof c.rawArguments === 'string') args = c.rawArguments;
    else if (c.arguments === undefined) args = '{}';
    else args = JSON.stringify(c.arguments);
    const id = typeof c.id === 'string' ? c.id : `call_${turnNo}_${i + 1}`;
    return { id, name: c.name, arguments: args };
  });
}

/** Parse a session file's text. Blank lines and lines starting with `#` or `//` are ignored. */
export function parseSessionFile(text: string, file = 'session'): ScriptedSession[] {
  const sessions: ScriptedSession[] = [];
  let current: ScriptedSession | undefined;
  let turnNo = 0;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const where = `${file}:${line}`;
    const t = raw.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) return;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      throw new UserError(`${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!isObj(v) || typeof v.type !== 'string')
      throw new UserError(`${where}: each line must be an object with a "type"`);
    if (v.type === 'session') {
      const role = v.role;
      if (role !== undefined && role !== 'implementer' && role !== 'reviewer') {
        throw new UserError(`${where}: role must be "implementer" or "reviewer"`);
      }
      current = { line, turns: [], ...(role ? { role } : {}), ...(typeof v.task === 'string' ? { task: v.task } : {}) };
      sessions.push(current);
      turnNo = 0;
      return;
    }
    if (!current) {
      current = { line, turns: [] };
      sessions.push(current);
    }
    turnNo++;
    const usage = parseUsage(v.usage);
    const base = usage ? { usage } : {};
    if (v.type === 'message') {
      if (typeof v.content !== 'string') throw new UserError(`${where}: a message needs a string "content"`);
      current.turns.push({ line, kind: 'turn', turn: { content: v.content, toolCalls: [], ...base } });
    } else if (v.type === 'tool_calls') {
      const content = typeof v.content === 'string' ? v.content : null;
      current.turns.push({
        line,
        kind: 'turn',
        turn: { content, toolCalls: parseCalls(v.calls, where, turnNo), ...base },
      });
    } else if (v.type === 'error') {
      const message = typeof v.message === 'string' ? v.message : 'recorded error';
      current.turns.push({ line, kind: 'error', turn: { content: null, toolCalls: [] }, error: message });
    } else {
      throw new UserError(`${where}: unknown line type "${v.type}" (session, tool_calls, message, error)`);
    }
  });
  return sessions;
}

export function readSessionFile(file: string): ScriptedSession[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read session file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSessionFile(text, path.basename(file));
}

/** Appends sessions to a JSON-lines file as they happen (`--record FILE`). */
export class SessionRecorder {
  constructor(readonly file: string) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  private write(obj: Json): void {
    appendFileSync(this.file, `${JSON.stringify(obj)}\n`);
  }

  startSession(role: SessionRole, task: string | undefined, model: string): void {
    this.write({ type: 'session', role, ...(task ? { task } : {}), recordedFrom: model, at: new Date().toISOString() });
  }

  turn(turn: ModelTurn): void {
    const usage = turn.usage ? { usage: turn.usage } : {};
    if (turn.toolCalls.length === 0) {
      this.write({ type: 'message', content: turn.content ?? '', ...usage });
      return;
    }
    const calls = turn.toolCalls.map((c) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(c.arguments);
      } catch {
        parsed = undefined;
      }
      return isObj(parsed) ? { name: c.name, arguments: parsed } : { name: c.name, rawArguments: c.arguments };
    });
    this.write({ type: 'tool_calls', ...(turn.content ? { content: turn.content } : {}), calls, ...usage });
  }

  error(message: string): void {
    this.write({ type: 'error', message });
  }
}

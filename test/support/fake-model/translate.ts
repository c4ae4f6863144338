// ghost's tools (write_file, read_file, list_files, edit_file, run_command, finish) in each
// client's own vocabulary: Codex's `exec_command` shell, Claude Code's Read/Write/Glob/Bash,
// or ghost's own names over Chat Completions (the openai provider offers exactly those).
import path from 'node:path';
import type { ModelTurn } from '../../../src/build/agents/index.js';
import type { ConversationInfo } from './script.js';

export type Dialect = 'chat' | 'codex' | 'claude';

export interface ClientCall {
  name: string;
  /** JSON arguments as the client expects them. */
  input: Record<string, unknown>;
  /** Chat Completions: arguments sent verbatim, for a script's `rawArguments` (not a JSON object). */
  rawArguments?: string;
}

/** One response of the fake server: text, tool calls, or both. */
export interface ClientTurn {
  text: string | null;
  calls: ClientCall[];
  usage: { inputTokens: number; outputTokens: number };
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function parsed(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const args = (raw: string): Record<string, unknown> => parsed(raw) ?? {};

/** A ghost tool call over Chat Completions: ghost's own names, arguments as scripted. */
function chatCall(c: { name: string; arguments: string }): ClientCall {
  const input = parsed(c.arguments);
  return input ? { name: c.name, input } : { name: c.name, input: {}, rawArguments: c.arguments };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function shellFor(name: string, a: Record<string, unknown>): string | undefined {
  const p = str(a.path);
  switch (name) {
    case 'write_file':
      // base64 keeps every byte of the content intact through the shell
      return `mkdir -p ${q(path.posix.dirname(p) || '.')} && printf %s ${q(Buffer.from(str(a.content)).toString('base64'))} | base64 -d > ${q(p)}`;
    case 'read_file':
      return `cat ${q(p)}`;
    case 'list_files':
      return `find ${q(p || '.')} -path ./.git -prune -o -type f -print`;
    case 'edit_file':
      return `python3 -c ${q('import sys;p,o,n=sys.argv[1:];t=open(p).read();open(p,"w").write(t.replace(o,n,1))')} ${q(p)} ${q(str(a.old))} ${q(str(a.new))}`;
    case 'run_command': {
      const argv = Array.isArray(a.argv) ? a.argv.map(String) : undefined;
      return argv ? argv.map(q).join(' ') : str(a.command);
    }
    default:
      return undefined; // run_conformance: the CLI runs `ghost test` itself if it wants to
  }
}

function claudeCalls(name: string, a: Record<string, unknown>, cwd: string): ClientCall[][] {
  const abs = (p: string) => path.resolve(cwd, p);
  switch (name) {
    // Claude Code refuses to overwrite a file it has not read: Read first, in its own turn.
    case 'write_file':
      return [
        [{ name: 'Read', input: { file_path: abs(str(a.path)) } }],
        [{ name: 'Write', input: { file_path: abs(str(a.path)), content: str(a.content) } }],
      ];
    case 'read_file':
      return [[{ name: 'Read', input: { file_path: abs(str(a.path)) } }]];
    case 'list_files':
      return [[{ name: 'Glob', input: { pattern: '**/*', path: abs(str(a.path) || '.') } }]];
    case 'edit_file':
      return [
        [{ name: 'Read', input: { file_path: abs(str(a.path)) } }],
        [{ name: 'Edit', input: { file_path: abs(str(a.path)), old_string: str(a.old), new_string: str(a.new) } }],
      ];
    default: {
      const cmd = shellFor(name, a);
      return cmd ? [[{ name: 'Bash', input: { command: cmd } }]] : [];
    }
  }
}

/** Expands one scripted turn into the client turns that do the same work. */
export function translateTurn(turn: ModelTurn, info: ConversationInfo): ClientTurn[] {
  const usage = turn.usage ?? { inputTokens: 100, outputTokens: 20 };
  if (info.dialect === 'chat') {
    return [{ text: turn.content, calls: turn.toolCalls.map(chatCall), usage }];
  }
  const finish = turn.toolCalls.find((c) => c.name === 'finish');
  const work = turn.toolCalls.filter((c) => c.name !== 'finish');
  const out: ClientTurn[] = [];
  if (info.dialect === 'codex') {
    const calls = work.flatMap((c) => {
      const cmd = shellFor(c.name, args(c.arguments));
      return cmd ? [codexShell(info.tools, cmd)] : [];
    });
    if (calls.length) out.push({ text: null, calls, usage });
  } else {
    const steps = work.map((c) => claudeCalls(c.name, args(c.arguments), info.cwd ?? '.'));
    const depth = Math.max(0, ...steps.map((s) => s.length));
    for (let i = 0; i < depth; i++) {
      const calls = steps.flatMap((s) => s[i] ?? []);
      if (calls.length) out.push({ text: null, calls, usage: i === 0 ? usage : { inputTokens: 0, outputTokens: 0 } });
    }
  }
  // `finish` and plain messages end the session with text; the CLI's final message.
  if (finish || turn.toolCalls.length === 0) {
    const text = finish ? str(args(finish.arguments).summary) || 'done' : (turn.content ?? '');
    out.push({ text, calls: [], usage: out.length ? { inputTokens: 0, outputTokens: 0 } : usage });
  }
  // a turn whose calls have no equivalent (run_conformance alone): say so and go on
  if (out.length === 0) {
    out.push({
      text: null,
      calls: [info.dialect === 'codex' ? codexShell(info.tools, 'true') : { name: 'Bash', input: { command: 'true' } }],
      usage,
    });
  }
  return out;
}

/** Codex offers `exec_command` (unified exec) or the older `shell` (argv), by model. */
function codexShell(tools: string[], cmd: string): ClientCall {
  if (!tools.includes('exec_command') && tools.includes('shell'))
    return { name: 'shell', input: { command: ['bash', '-lc', cmd] } };
  return { name: 'exec_command', input: { cmd, yield_time_ms: 10_000 } };
}

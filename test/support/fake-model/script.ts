// Which scripted session a client's conversation is, and which turn comes next. One session
// file drives every client: conversations are matched to sessions the way the scripted
// provider matches requests (role, then task), and each ghost turn is expanded into the
// client's own tool vocabulary (translate.ts).
import { parseSessionFile, type ScriptedSession } from '../../../src/build/agents/index.js';
import type { ClientTurn, Dialect } from './translate.js';
import { translateTurn } from './translate.js';

export interface ConversationInfo {
  /** A stable key for one client session (a header, metadata, or the first prompt's hash). */
  key: string;
  /** All prompt text the client sent (system + first user message). */
  text: string;
  dialect: Dialect;
  /** The client's working directory when it says so (Claude's system prompt). */
  cwd?: string;
  /** Names of the tools the client offers (Codex's set depends on the model name). */
  tools: string[];
}

interface Conversation {
  session?: ScriptedSession;
  queue: ClientTurn[];
  nextTurn: number;
}

/** What a ghost prompt says about itself: the role, and the task id (`# Task 02-fn-x:`, `# Fix round 1`). */
export function identify(text: string): { role: 'implementer' | 'reviewer'; task?: string } {
  const role = /You are the reviewer of a ghost library/.test(text) ? 'reviewer' : 'implementer';
  const task =
    /# Task (\S+?):/.exec(text)?.[1] ??
    (/# Fix round (\d+)/.exec(text) ? `fix-${/# Fix round (\d+)/.exec(text)?.[1]}` : undefined);
  return task ? { role, task } : { role };
}

export class Script {
  private readonly sessions: ScriptedSession[];
  private readonly used = new Set<ScriptedSession>();
  private readonly conversations = new Map<string, Conversation>();

  constructor(text: string, file = 'session') {
    this.sessions = parseSessionFile(text, file);
  }

  /** Sessions not taken by any conversation yet. */
  unused(): number {
    return this.sessions.length - this.used.size;
  }

  private pick(info: ConversationInfo): ScriptedSession | undefined {
    const { role, task } = identify(info.text);
    return this.sessions.find(
      (s) =>
        !this.used.has(s) &&
        (s.role === undefined || s.role === role) &&
        (s.task === undefined || task === undefined || s.task === task),
    );
  }

  /** The next turn for this conversation, in the client's dialect; `undefined` when the script has none. */
  next(info: ConversationInfo): ClientTurn | { error: string } {
    let conv = this.conversations.get(info.key);
    if (!conv) {
      const session = this.pick(info);
      if (session) this.used.add(session);
      conv = { ...(session ? { session } : {}), queue: [], nextTurn: 0 };
      this.conversations.set(info.key, conv);
    }
    if (!conv.session) return { error: `no scripted session left for ${JSON.stringify(identify(info.text))}` };
    if (conv.queue.length === 0) {
      const turn = conv.session.turns[conv.nextTurn++];
      if (!turn) return { error: 'script exhausted' };
      if (turn.kind === 'error') return { error: turn.error ?? 'recorded error' };
      conv.queue.push(...translateTurn(turn.turn, info));
    }
    return conv.queue.shift() as ClientTurn;
  }
}

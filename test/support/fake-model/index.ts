// A fake model server on 127.0.0.1 for tests and for checking one's own agent setup offline:
// Chat Completions (JSON and SSE), the Responses API (SSE) and Anthropic Messages (SSE), all
// answering from one ghost session file (fixtures/sessions/README.md). Real HTTP, so the real
// `openai` SDK, the real `codex` and the real `claude` talk to it; no model is involved, and
// every answer is the script's.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagesText, writeMessages, type AnthropicUsageSplit } from './anthropic.js';
import { chatRejection, chatText, writeChat, type ChatQuirks } from './chat.js';
import { responsesText, writeResponses } from './responses.js';
import { Script, type ConversationInfo } from './script.js';
import type { ClientTurn, Dialect } from './translate.js';

export type { ChatQuirks } from './chat.js';
export { message, script, session, toolCalls, type ScriptCall } from './lines.js';
export { identify } from './script.js';
export type { ClientTurn, Dialect } from './translate.js';

/**
 * How the server misbehaves, for the first `times` model requests (default: all). A list of
 * faults is played in order, each for its `times` requests; the script answers after the last.
 */
export type FaultMode =
  | {
      kind: 'status';
      status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503;
      retryAfter?: number;
      /** More response headers (e.g. `retry-after-ms`, `x-should-retry`). */
      headers?: Record<string, string>;
      times?: number;
    }
  /** Accept the request and send nothing; `midway`: send the status, headers and a first byte, then nothing. */
  | { kind: 'hang'; midway?: boolean; times?: number }
  | { kind: 'malformed-tool-call'; times?: number };

export interface FakeModelServerOptions {
  /** The session file's text (none: every conversation is answered with a 500, after any fault). */
  script?: string;
  scriptName?: string;
  fault?: FaultMode | FaultMode[];
  /** Anthropic only: report this many input tokens per turn as cache reads / creations. */
  anthropicCache?: AnthropicUsageSplit;
  /** Chat Completions only: behave like an imperfect OpenAI-compatible server. */
  quirks?: ChatQuirks;
}

export interface RecordedModelRequest {
  /** When the request arrived (Date.now()). */
  at: number;
  dialect: Dialect | 'other';
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:PORT` (clients add `/v1` themselves or not, see docs/agents.md). */
  url: string;
  requests: RecordedModelRequest[];
  /** Sessions of the script no client has taken. */
  unusedSessions(): number;
  close(): Promise<void>;
}

function dialectOf(url: string): Dialect | 'other' {
  if (/\/chat\/completions$/.test(url)) return 'chat';
  if (/\/responses$/.test(url)) return 'codex';
  if (/\/messages$/.test(url)) return 'claude';
  return 'other';
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

function toolNames(body: Record<string, unknown>): string[] {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [];
  return tools.map((t) => String(t.name ?? (t.function as { name?: unknown } | undefined)?.name ?? t.type ?? ''));
}

function conversation(
  dialect: Dialect,
  headers: http.IncomingHttpHeaders,
  body: Record<string, unknown>,
): ConversationInfo {
  const tools = toolNames(body);
  if (dialect === 'codex') {
    const text = responsesText(body);
    const key = String(headers['session-id'] ?? body.prompt_cache_key ?? hash(text));
    return { key: `codex:${key}`, text, dialect, tools };
  }
  if (dialect === 'claude') {
    const text = messagesText(body);
    const meta = body.metadata as { user_id?: unknown } | undefined;
    const cwd = /(?:Primary working directory|Working directory): (\S+)/.exec(text)?.[1];
    return {
      key: `claude:${String(meta?.user_id ?? '')}:${hash(text)}`,
      text,
      dialect,
      tools,
      ...(cwd ? { cwd } : {}),
    };
  }
  const text = chatText(body);
  return { key: `chat:${hash(text)}`, text, dialect, tools };
}

function errorBody(dialect: Dialect, status: number, message: string): string {
  const type =
    {
      400: 'invalid_request_error',
      401: 'authentication_error',
      403: 'permission_error',
      404: 'not_found_error',
      429: 'rate_limit_error',
    }[status] ?? 'api_error';
  if (dialect === 'claude') return JSON.stringify({ type: 'error', error: { type, message } });
  return JSON.stringify({ error: { message, type, code: status === 404 ? 'model_not_found' : null } });
}

const faultMessage: Record<number, string> = {
  400: 'Bad request (fake server fault)',
  401: 'Incorrect API key provided (fake server fault)',
  403: 'Forbidden (fake server fault)',
  404: 'The model does not exist (fake server fault)',
  429: 'Rate limit reached (fake server fault)',
  500: 'Internal server error (fake server fault)',
  502: 'Bad gateway (fake server fault)',
  503: 'Service unavailable (fake server fault)',
};

/** Which fault answers the next model request; `spend` counts one request against it. */
function faultPlan(fault: FaultMode | FaultMode[] | undefined) {
  const plan = fault === undefined ? [] : Array.isArray(fault) ? fault : [fault];
  let at = 0;
  let used = 0;
  const current = (): FaultMode | undefined => {
    for (; at < plan.length; at++, used = 0) {
      const f = plan[at] as FaultMode;
      if (f.times === undefined || used < f.times) return f;
    }
    return undefined;
  };
  return { current, spend: () => void used++ };
}

export async function startFakeModelServer(opts: FakeModelServerOptions): Promise<FakeModelServer> {
  const script = new Script(opts.script ?? '', opts.scriptName);
  const requests: RecordedModelRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const faults = faultPlan(opts.fault);
  // Chat Completions resends the whole history each turn: its conversation key is the first
  // prompt, and a turn counter per key tells the script how far it has come.
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = (req.url ?? '/').split('?')[0] ?? '/';
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        /* recorded as empty */
      }
      const dialect = dialectOf(url);
      requests.push({ at: Date.now(), dialect, method: req.method ?? 'GET', url, headers: req.headers, body });
      if (dialect === 'other') {
        if (/\/models$/.test(url))
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ object: 'list', data: [] }));
        return void res.writeHead(req.method === 'HEAD' ? 200 : 404).end();
      }
      const model = typeof body.model === 'string' ? body.model : 'fake';
      const tools = Array.isArray(body.tools) ? body.tools : [];
      const fault = faults.current();
      if (fault && fault.kind !== 'malformed-tool-call') {
        faults.spend();
        if (fault.kind === 'hang') {
          hanging.add(res);
          // the answer starts, then goes silent (the openai SDK's timeout ends at the headers)
          if (fault.midway) {
            const sse = dialect === 'chat' ? body.stream === true : body.stream !== false;
            res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json' });
            res.write(sse ? 'data: {' : '{');
          }
          return;
        }
        const headers: Record<string, string> = { 'content-type': 'application/json', ...fault.headers };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        return void res
          .writeHead(fault.status, headers)
          .end(errorBody(dialect, fault.status, faultMessage[fault.status] ?? 'error'));
      }
      // Side requests with no tools (Claude Code's title or quota checks) get a word and use no turn.
      if (tools.length === 0 && dialect === 'claude') {
        return writeMessages(
          res,
          { text: 'ok', calls: [], usage: { inputTokens: 0, outputTokens: 0 } },
          model,
          {},
          body.stream === true,
        );
      }
      const rejection = dialect === 'chat' ? chatRejection(body, opts.quirks) : undefined;
      if (rejection) {
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(errorBody(dialect, 400, rejection));
      }
      const info = conversation(dialect, req.headers, body);
      const next: ClientTurn | { error: string } = script.next(info);
      if ('error' in next) {
        return void res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(errorBody(dialect, 500, `fake model server: ${next.error}`));
      }
      if (dialect === 'codex') return writeResponses(res, next, model);
      if (dialect === 'claude') return writeMessages(res, next, model, opts.anthropicCache, body.stream !== false);
      const malformed = fault?.kind === 'malformed-tool-call' && next.calls.length > 0;
      if (malformed) faults.spend();
      return writeChat(res, next, model, body.stream === true, malformed, opts.quirks);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unusedSessions: () => script.unused(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

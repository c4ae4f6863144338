// A local OpenAI-compatible stub for tests: node:http on 127.0.0.1 (port 0), serving a queue
// of scripted replies to POST /v1/chat/completions. Real HTTP, real `openai` SDK; no model.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (use it for malformed JSON). */
  arguments: Record<string, unknown> | string;
  id?: string;
}

export type StubReply =
  | { kind: 'tool_calls'; calls: StubToolCall[]; content?: string; usage?: [number, number] }
  | { kind: 'message'; content: string; usage?: [number, number]; finishReason?: string }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' };

export interface RecordedRequest {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface OpenAIStub {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseURL: string;
  requests: RecordedRequest[];
  push(...replies: StubReply[]): void;
  /** Replies not consumed yet. */
  pending(): number;
  close(): Promise<void>;
}

export const toolCalls = (calls: StubToolCall[], usage: [number, number] = [100, 20]): StubReply => ({
  kind: 'tool_calls',
  calls,
  usage,
});
export const message = (content: string, usage: [number, number] = [100, 20]): StubReply => ({
  kind: 'message',
  content,
  usage,
});
export const status = (code: number, headers?: Record<string, string>, body?: unknown): StubReply => ({
  kind: 'status',
  status: code,
  ...(headers ? { headers } : {}),
  ...(body !== undefined ? { body } : {}),
});

let seq = 0;

function completion(
  reply: Extract<StubReply, { kind: 'tool_calls' | 'message' }>,
  model: string,
): Record<string, unknown> {
  const [prompt, completionTokens] = reply.usage ?? [0, 0];
  const message =
    reply.kind === 'message'
      ? { role: 'assistant', content: reply.content }
      : {
          role: 'assistant',
          content: reply.content ?? null,
          tool_calls: reply.calls.map((c, i) => ({
            id: c.id ?? `call_${++seq}_${i}`,
            type: 'function',
            function: {
              name: c.name,
              arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
            },
          })),
        };
  return {
    id: `chatcmpl-stub-${++seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: reply.kind === 'message' ? (reply.finishReason ?? 'stop') : 'tool_calls',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  };
}

export async function startOpenAIStub(replies: StubReply[] = []): Promise<OpenAIStub> {
  const queue = [...replies];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        /* recorded as empty */
      }
      requests.push({ at: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (code: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(code, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        send(404, { error: { message: `stub: no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      const reply = queue.shift();
      if (!reply) {
        send(
          500,
          { error: { message: 'stub: reply queue is empty', type: 'server_error' } },
          { 'x-should-retry': 'false' },
        );
        return;
      }
      switch (reply.kind) {
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'status':
          send(
            reply.status,
            reply.body ?? { error: { message: `stub status ${reply.status}`, type: 'stub' } },
            reply.headers,
          );
          return;
        default:
          send(200, completion(reply, typeof body.model === 'string' ? body.model : 'stub-model'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    push: (...r) => queue.push(...r),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

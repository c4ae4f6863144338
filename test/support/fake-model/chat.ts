// Chat Completions, JSON or streamed (what the openai provider and OpenAI-compatible servers speak).
import type http from 'node:http';
import { sendEvent, startSse } from './sse.js';
import type { ClientTurn } from './translate.js';

let seq = 0;

export function writeChat(
  res: http.ServerResponse,
  turn: ClientTurn,
  model: string,
  stream: boolean,
  malformed = false,
): void {
  const id = `chatcmpl_${++seq}`;
  const toolCalls = turn.calls.map((c, i) => ({
    id: `call_${seq}_${i}`,
    type: 'function',
    function: { name: c.name, arguments: malformed ? '{"path": ' : JSON.stringify(c.input) },
  }));
  const message = { role: 'assistant', content: turn.text, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
  const finish = toolCalls.length ? 'tool_calls' : 'stop';
  const usage = {
    prompt_tokens: turn.usage.inputTokens,
    completion_tokens: turn.usage.outputTokens,
    total_tokens: turn.usage.inputTokens + turn.usage.outputTokens,
  };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: 0,
        model,
        choices: [{ index: 0, message, finish_reason: finish }],
        usage,
      }),
    );
    return;
  }
  startSse(res);
  const chunk = (delta: unknown, finishReason: string | null, extra: Record<string, unknown> = {}) =>
    sendEvent(res, {
      id,
      object: 'chat.completion.chunk',
      created: 0,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    });
  chunk({ role: 'assistant', content: turn.text ?? '' }, null);
  if (toolCalls.length) chunk({ tool_calls: toolCalls.map((t, index) => ({ index, ...t })) }, null);
  chunk({}, finish, { usage });
  sendEvent(res, '[DONE]');
  res.end();
}

export function chatText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  const sys = messages.filter((m) => m.role === 'system').map((m) => String(m.content ?? ''));
  const user = messages.find((m) => m.role === 'user');
  return [...sys, typeof user?.content === 'string' ? user.content : ''].join('\n');
}

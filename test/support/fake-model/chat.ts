// Chat Completions, JSON or streamed (what the openai provider and OpenAI-compatible servers speak).
import type http from 'node:http';
import { sendEvent, startSse } from './sse.js';
import type { ClientTurn } from './translate.js';

let seq = 0;

/**
 * How an OpenAI-compatible server departs from OpenAI's Chat Completions (docs/agents.md,
 * "A local OpenAI-compatible server"). Each flag models one behaviour seen in Ollama, vLLM or
 * llama.cpp's server; the fake applies them, so the provider's handling is tested over HTTP.
 */
export interface ChatQuirks {
  /** Request fields answered with a 400 naming the field (servers that only know `max_tokens`). */
  rejectParams?: string[];
  /** `response_format: json_schema`: answered with a 400 (`reject`) or accepted and not enforced (`ignore`). */
  jsonSchema?: 'reject' | 'ignore';
  /** Tool-call `arguments` as a JSON object instead of a string. */
  argumentsAsObject?: boolean;
  /** Tool calls without `id`. */
  noToolCallIds?: boolean;
  /** No `usage` in the answer. */
  noUsage?: boolean;
  /** `finish_reason: "stop"` even when the message carries tool calls. */
  finishReasonStopWithTools?: boolean;
}

/** The 400 message a quirky server answers this request with, if any. */
export function chatRejection(body: Record<string, unknown>, quirks: ChatQuirks | undefined): string | undefined {
  if (!quirks) return undefined;
  for (const p of quirks.rejectParams ?? []) {
    // vLLM < 0.6.4's wording for a field it does not know (vllm-project/vllm#10078).
    if (p in body)
      return `[{'type': 'extra_forbidden', 'loc': ('body', '${p}'), 'msg': 'Extra inputs are not permitted'}]`;
  }
  const format = body.response_format as { type?: unknown } | undefined;
  if (quirks.jsonSchema === 'reject' && format?.type === 'json_schema')
    return `response_format type "json_schema" is not supported`;
  return undefined;
}

export function writeChat(
  res: http.ServerResponse,
  turn: ClientTurn,
  model: string,
  stream: boolean,
  malformed = false,
  quirks: ChatQuirks = {},
): void {
  const id = `chatcmpl_${++seq}`;
  const toolCalls = turn.calls.map((c, i) => ({
    ...(quirks.noToolCallIds ? {} : { id: `call_${seq}_${i}` }),
    type: 'function',
    function: {
      name: c.name,
      arguments: malformed
        ? '{"path": '
        : (c.rawArguments ?? (quirks.argumentsAsObject ? c.input : JSON.stringify(c.input))),
    },
  }));
  const message = { role: 'assistant', content: turn.text, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
  const finish = toolCalls.length && !quirks.finishReasonStopWithTools ? 'tool_calls' : 'stop';
  const usage = quirks.noUsage
    ? undefined
    : {
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
        ...(usage ? { usage } : {}),
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
  chunk({}, finish, usage ? { usage } : {});
  sendEvent(res, '[DONE]');
  res.end();
}

export function chatText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  const sys = messages.filter((m) => m.role === 'system').map((m) => String(m.content ?? ''));
  const user = messages.find((m) => m.role === 'user');
  return [...sys, typeof user?.content === 'string' ? user.content : ''].join('\n');
}

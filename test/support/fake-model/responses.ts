// The Responses API stream (what `codex exec` speaks with `wire_api = "responses"`): one
// `response.output_item.done` per message or function call, then `response.completed` with usage.
import type http from 'node:http';
import { sendEvent, startSse } from './sse.js';
import type { ClientTurn } from './translate.js';

let seq = 0;

export function writeResponses(res: http.ServerResponse, turn: ClientTurn, model: string): void {
  const id = `resp_${++seq}`;
  startSse(res);
  sendEvent(
    res,
    { type: 'response.created', response: { id, model, status: 'in_progress', output: [] } },
    'response.created',
  );
  let index = 0;
  if (turn.text) {
    const item = {
      type: 'message',
      id: `msg_${seq}`,
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: turn.text, annotations: [] }],
    };
    sendEvent(res, { type: 'response.output_item.done', output_index: index++, item }, 'response.output_item.done');
  }
  for (const c of turn.calls) {
    const item = {
      type: 'function_call',
      id: `fc_${seq}_${index}`,
      call_id: `call_${seq}_${index}`,
      name: c.name,
      arguments: JSON.stringify(c.input),
      status: 'completed',
    };
    sendEvent(res, { type: 'response.output_item.done', output_index: index++, item }, 'response.output_item.done');
  }
  const { inputTokens, outputTokens } = turn.usage;
  const usage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
  sendEvent(
    res,
    { type: 'response.completed', response: { id, model, status: 'completed', usage } },
    'response.completed',
  );
  res.end();
}

/** The conversation's text as Codex sends it (developer + user messages), for identification. */
export function responsesText(body: Record<string, unknown>): string {
  const input = Array.isArray(body.input) ? body.input : [];
  const parts: string[] = [typeof body.instructions === 'string' ? body.instructions : ''];
  for (const item of input as Array<Record<string, unknown>>) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const c of item.content as Array<Record<string, unknown>>) if (typeof c.text === 'string') parts.push(c.text);
  }
  return parts.join('\n');
}

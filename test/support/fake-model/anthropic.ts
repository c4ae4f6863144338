// The Anthropic Messages stream (what Claude Code speaks): message_start … content blocks …
// message_delta (stop reason, output tokens) … message_stop. Usage includes the cache fields
// Claude Code reports, so ghost must count them.
import type http from 'node:http';
import { sendEvent, startSse } from './sse.js';
import type { ClientTurn } from './translate.js';

let seq = 0;

export interface AnthropicUsageSplit {
  /** Part of the input reported as read from the prompt cache. */
  cacheRead?: number;
  cacheCreation?: number;
}

export function writeMessages(
  res: http.ServerResponse,
  turn: ClientTurn,
  model: string,
  split: AnthropicUsageSplit = {},
  stream = true,
): void {
  const id = `msg_${++seq}`;
  const cacheRead = Math.min(split.cacheRead ?? 0, turn.usage.inputTokens);
  const cacheCreation = Math.min(split.cacheCreation ?? 0, turn.usage.inputTokens - cacheRead);
  const usage = {
    input_tokens: turn.usage.inputTokens - cacheRead - cacheCreation,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheCreation,
    output_tokens: turn.usage.outputTokens,
  };
  const blocks: Array<Record<string, unknown>> = [];
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  turn.calls.forEach((c, i) =>
    blocks.push({ type: 'tool_use', id: `toolu_${seq}_${i}`, name: c.name, input: c.input }),
  );
  const stopReason = turn.calls.length ? 'tool_use' : 'end_turn';
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: blocks,
        stop_reason: stopReason,
        stop_sequence: null,
        usage,
      }),
    );
    return;
  }
  startSse(res);
  sendEvent(
    res,
    {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    },
    'message_start',
  );
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      sendEvent(
        res,
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        'content_block_start',
      );
      sendEvent(
        res,
        { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } },
        'content_block_delta',
      );
    } else {
      sendEvent(
        res,
        { type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } },
        'content_block_start',
      );
      sendEvent(
        res,
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
        },
        'content_block_delta',
      );
    }
    sendEvent(res, { type: 'content_block_stop', index }, 'content_block_stop');
  });
  sendEvent(
    res,
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
    'message_delta',
  );
  sendEvent(res, { type: 'message_stop' }, 'message_stop');
  res.end();
}

/** System prompt + first user message, as Claude Code sends them. */
export function messagesText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const sys = body.system;
  if (typeof sys === 'string') parts.push(sys);
  else if (Array.isArray(sys))
    for (const s of sys as Array<Record<string, unknown>>) if (typeof s.text === 'string') parts.push(s.text);
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  const first = messages.find((m) => m.role === 'user');
  if (typeof first?.content === 'string') parts.push(first.content);
  else if (Array.isArray(first?.content))
    for (const c of first.content as Array<Record<string, unknown>>) if (typeof c.text === 'string') parts.push(c.text);
  return parts.join('\n');
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { implementerTools } from '../../../src/build/tools/index.js';
import { message, script, toolCalls } from '../../support/fake-model/index.js';
import { cleanupServers, openaiOn as provider, serve } from './fake-server.js';
import { request, tempRepo } from './helpers.js';

afterEach(cleanupServers);

const loopForever = script(
  ...Array.from({ length: 10 }, () => toolCalls([{ name: 'list_files', arguments: {} }], [1000, 50])),
);

describe('OpenAIProvider tool loop', () => {
  it('writes files through tools and finishes; sends tools and tool results to the server', async () => {
    const s = await serve({
      script: script(
        toolCalls([{ name: 'write_file', arguments: { path: 'src/hello.txt', content: 'hi\n' } }], [200, 30]),
        toolCalls([{ name: 'read_file', arguments: { path: 'src/hello.txt' } }], [260, 10]),
        toolCalls([{ name: 'finish', arguments: { summary: 'wrote src/hello.txt' } }], [300, 10]),
      ),
    });
    const root = tempRepo();
    const res = await provider(s).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('finished');
    expect(res.finalMessage).toBe('wrote src/hello.txt');
    expect(readFileSync(path.join(root, 'src/hello.txt'), 'utf8')).toBe('hi\n');
    expect(res.turns).toBe(3);
    expect(res.usage.inputTokens).toBe(760);
    expect(res.usage.outputTokens).toBe(50);
    expect(res.usage.costUsd).toBeCloseTo((760 * 0.15 + 50 * 0.6) / 1e6, 12);
    expect(res.model).toBe('gpt-4o-mini');

    expect(s.requests).toHaveLength(3);
    const first = s.requests[0]!;
    expect(first.headers.authorization).toBe('Bearer sk-fake');
    expect(first.body.model).toBe('gpt-4o-mini');
    const tools = first.body.tools as Array<{ type: string; function: { name: string } }>;
    expect(tools.map((t) => t.function.name)).toContain('write_file');
    expect(first.body.response_format).toBeUndefined();
    const third = s.requests[2]!.body.messages as Array<{ role: string; content: string; tool_call_id?: string }>;
    expect(third.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool']);
    expect(third[5]!.content).toBe('hi\n');
    expect(res.transcript.filter((e) => e.type === 'usage')).toHaveLength(3);
  });

  it('answers malformed tool calls and unknown tools with tool errors, then carries on', async () => {
    const s = await serve({
      script: script(
        toolCalls([{ name: 'write_file', arguments: '{"path": "a.txt", "content": ' }]),
        toolCalls([{ name: 'delete_everything', arguments: {} }]),
        toolCalls([{ name: 'write_file', arguments: { path: 'a.txt' } }]),
        toolCalls([{ name: 'write_file', arguments: { path: '../escape.txt', content: 'x' } }]),
        message('I give up.'),
        message('Really, I give up.'),
      ),
    });
    const root = tempRepo();
    const res = await provider(s).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('final-message');
    expect(res.finalMessage).toBe('Really, I give up.');
    const toolMsgs = res.transcript.filter((e) => e.type === 'tool');
    expect(toolMsgs.map((t) => t.type === 'tool' && t.isError)).toEqual([true, true, true, true]);
    const texts = toolMsgs.map((t) => (t.type === 'tool' ? t.content : ''));
    expect(texts[0]).toMatch(/not valid JSON/);
    expect(texts[1]).toMatch(/unknown tool "delete_everything"/);
    expect(texts[2]).toMatch(/must have required property 'content'/);
    expect(texts[3]).toMatch(/escapes the repository/);
    const sent = s.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent.at(-1)!.role).toBe('tool');
    expect(sent.at(-1)!.content).toMatch(/^ERROR: .*not valid JSON/);
  });

  it('tolerates loose compatible servers (object arguments, missing call ids)', async () => {
    const s = await serve({
      script: script(
        toolCalls([{ name: 'write_file', arguments: { path: 'o.txt', content: 'obj' } }]),
        toolCalls([{ name: 'finish', arguments: { summary: 'done' } }]),
      ),
      quirks: { argumentsAsObject: true, noToolCallIds: true },
    });
    const root = tempRepo();
    const res = await provider(s, { model: 'local' }).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('finished');
    expect(readFileSync(path.join(root, 'o.txt'), 'utf8')).toBe('obj');
    const sent = s.requests[1]!.body.messages as Array<{
      role: string;
      tool_call_id?: string;
      tool_calls?: Array<{ id: string }>;
    }>;
    expect(sent[2]!.tool_calls![0]!.id).toBe('call_0_0');
    expect(sent[3]!.tool_call_id).toBe('call_0_0');
  });

  it('nudges once when the model answers in text while it has a finish tool', async () => {
    const s = await serve({
      script: script(
        message('I will now write the file.'),
        toolCalls([{ name: 'finish', arguments: { summary: 'done after nudge' } }]),
      ),
    });
    const root = tempRepo();
    const res = await provider(s).runSession(request(root, implementerTools({ root })));
    expect([res.endReason, res.finalMessage, res.turns]).toEqual(['finished', 'done after nudge', 2]);
    const sent = s.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent.at(-1)).toMatchObject({ role: 'user', content: expect.stringMatching(/without calling a tool/) });
  });

  it('stops a runaway loop at maxTurns and keeps the transcript', async () => {
    const s = await serve({ script: loopForever });
    const root = tempRepo();
    const res = await provider(s).runSession(
      request(root, implementerTools({ root }), { budget: { maxTurns: 3, maxTokens: 1e9, maxWallMs: 10_000 } }),
    );
    expect(res.endReason).toBe('max-turns');
    expect(res.turns).toBe(3);
    expect(s.requests).toHaveLength(3);
    expect(res.transcript.at(-1)).toEqual({ type: 'note', content: 'session ended: max-turns' });
  });

  it('stops at maxTokens', async () => {
    const s = await serve({ script: loopForever });
    const root = tempRepo();
    const res = await provider(s).runSession(
      request(root, implementerTools({ root }), { budget: { maxTurns: 100, maxTokens: 2500, maxWallMs: 10_000 } }),
    );
    expect(res.endReason).toBe('max-tokens');
    expect(res.turns).toBe(3);
    expect(res.usage.inputTokens + res.usage.outputTokens).toBe(3150);
  });

  it('stops at maxWallMs even while a request hangs', async () => {
    const s = await serve({ fault: { kind: 'hang' } });
    const root = tempRepo();
    const started = Date.now();
    const res = await provider(s, { timeoutMs: 60_000 }).runSession(
      request(root, implementerTools({ root }), { budget: { maxTurns: 5, maxTokens: 1e9, maxWallMs: 300 } }),
    );
    expect(res.endReason).toBe('max-wall');
    // far below the 60 s request timeout: the wall budget ended it (a loose bound, for busy machines)
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('times out a hanging call (SDK timeout) and ends with error', async () => {
    const s = await serve({ fault: { kind: 'hang' } });
    const root = tempRepo();
    const res = await provider(s, { timeoutMs: 200, maxRetries: 0 }).runSession(
      request(root, implementerTools({ root })),
    );
    expect(res.endReason).toBe('error');
    expect(res.error).toMatch(/timed out/i);
  });

  it('retries 429 honouring retry-after, and 500s', async () => {
    const s = await serve({
      fault: [
        { kind: 'status', status: 429, retryAfter: 1, times: 1 },
        { kind: 'status', status: 500, headers: { 'retry-after-ms': '50' }, times: 1 },
      ],
      script: toolCalls([{ name: 'finish', arguments: { summary: 'ok' } }]),
    });
    const root = tempRepo();
    const res = await provider(s, { maxRetries: 4 }).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('finished');
    expect(s.requests).toHaveLength(3);
    const gap = s.requests[1]!.at - s.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(s.requests[1]!.headers['x-stainless-retry-count']).toBe('1');
  });

  it('gives up after maxRetries with an error end reason', async () => {
    const s = await serve({ fault: { kind: 'status', status: 503, headers: { 'retry-after-ms': '10' }, times: 2 } });
    const root = tempRepo();
    const res = await provider(s, { maxRetries: 1 }).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('error');
    expect(res.error).toMatch(/model server error 503/);
    expect(s.requests).toHaveLength(2);
  });

  it('notes an unknown model price and counts cost 0', async () => {
    const s = await serve({ script: message('done') });
    const root = tempRepo();
    const res = await provider(s, { model: 'qwen2.5-coder:7b' }).runSession(request(root, []));
    expect(res.usage.costUsd).toBe(0);
    expect(
      res.transcript.some((e) => e.type === 'note' && /no price known for model "qwen2.5-coder:7b"/.test(e.content)),
    ).toBe(true);
  });

  it('uses configured price overrides', async () => {
    const s = await serve({ script: message('done', [1_000_000, 1_000_000]) });
    const root = tempRepo();
    const res = await provider(s, { model: 'my-local', prices: { 'my-local': { input: 1, output: 2 } } }).runSession(
      request(root, []),
    );
    expect(res.usage.costUsd).toBeCloseTo(3, 10);
  });
});

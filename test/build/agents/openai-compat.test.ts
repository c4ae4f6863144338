// OpenAI-compatible servers over real HTTP: the fake model server with each profile's quirks
// (docs/agents.md, "A local OpenAI-compatible server"), the real `openai` SDK via OpenAIProvider.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIProvider } from '../../../src/build/agents/openai.js';
import { implementerTools, reviewerTools } from '../../../src/build/tools/index.js';
import { startFakeModelServer, type ChatQuirks, type FakeModelServer } from '../../support/fake-model/index.js';
import { cleanup, request, tempRepo } from './helpers.js';

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  cleanup();
});

// One short implementer session: write a file, then say so.
const SCRIPT = [
  JSON.stringify({
    type: 'tool_calls',
    calls: [{ name: 'write_file', arguments: { path: 'hello.txt', content: 'hi\n' } }],
    usage: { inputTokens: 100, outputTokens: 20 },
  }),
  JSON.stringify({ type: 'message', content: 'Wrote hello.txt.', usage: { inputTokens: 150, outputTokens: 5 } }),
].join('\n');

async function run(quirks: ChatQuirks, extra: { maxCompletionTokens?: number } = {}) {
  server = await startFakeModelServer({ script: SCRIPT, quirks });
  const provider = new OpenAIProvider({
    model: 'local-model',
    apiKey: 'none',
    baseURL: `${server.url}/v1`,
    maxRetries: 0,
    timeoutMs: 5000,
    ...extra,
  });
  const root = tempRepo();
  const tools = implementerTools({ root }).filter((t) => t.name !== 'finish');
  const res = await provider.runSession(request(root, tools));
  return { res, root, notes: res.transcript.flatMap((e) => (e.type === 'note' ? [e.content] : [])) };
}

describe('OpenAI-compatible server profiles', () => {
  it('Ollama-like: arguments as objects and finish_reason "stop" with tool calls still run the tools', async () => {
    const { res, root } = await run({ argumentsAsObject: true, finishReasonStopWithTools: true, jsonSchema: 'ignore' });
    expect(res.endReason).toBe('final-message');
    expect(res.finalMessage).toBe('Wrote hello.txt.');
    expect(readFileSync(path.join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
    // The arguments went back to the server as a JSON string, as OpenAI's format says.
    const sent = server!.requests[1]!.body.messages as Array<{
      role: string;
      tool_calls?: Array<{ function: { arguments: unknown } }>;
    }>;
    expect(sent.find((m) => m.role === 'assistant')?.tool_calls?.[0]?.function.arguments).toBe(
      JSON.stringify({ path: 'hello.txt', content: 'hi\n' }),
    );
  });

  it('vLLM-like: a rejected max_completion_tokens is retried once as max_tokens, then remembered', async () => {
    const { res, root, notes } = await run({ rejectParams: ['max_completion_tokens'] }, { maxCompletionTokens: 512 });
    expect(res.endReason).toBe('final-message');
    expect(readFileSync(path.join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
    const bodies = server!.requests.map((r) => r.body);
    expect(bodies.map((b) => [b.max_completion_tokens, b.max_tokens])).toEqual([
      [512, undefined],
      [undefined, 512],
      [undefined, 512],
    ]);
    expect(notes.filter((n) => /rejected max_completion_tokens.*sending max_tokens/.test(n))).toHaveLength(1);
    expect(res.usage.inputTokens).toBe(250);
  });

  it('vLLM-like: a rejected json_schema falls back to free-text JSON validated locally', async () => {
    const verdict = JSON.stringify({ approve: true, comments: [] });
    server = await startFakeModelServer({
      script: JSON.stringify({ type: 'message', content: verdict }),
      quirks: { jsonSchema: 'reject' },
    });
    const provider = new OpenAIProvider({ model: 'm', apiKey: 'none', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const root = tempRepo();
    const schema = {
      name: 'verdict',
      schema: {
        type: 'object',
        properties: { approve: { type: 'boolean' }, comments: { type: 'array', items: { type: 'string' } } },
        required: ['approve', 'comments'],
        additionalProperties: false,
      },
    };
    const res = await provider.runSession(
      request(root, reviewerTools({ root }), { role: 'reviewer', prompt: 'Review.', responseSchema: schema }),
    );
    expect(res.endReason).toBe('final-message');
    expect(res.structured).toEqual({ approve: true, comments: [] });
    expect(server.requests.map((r) => (r.body.response_format as { type?: string } | undefined)?.type)).toEqual([
      'json_schema',
      undefined,
    ]);
  });

  it('llama.cpp-like: missing tool-call ids get generated ones; missing usage counts as 0, noted once', async () => {
    const { res, root, notes } = await run({ noToolCallIds: true, noUsage: true });
    expect(res.endReason).toBe('final-message');
    expect(readFileSync(path.join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
    expect(res.usage.inputTokens).toBe(0);
    expect(res.usage.outputTokens).toBe(0);
    expect(notes.filter((n) => /sent no usage/.test(n))).toHaveLength(1);
    const sent = server!.requests[1]!.body.messages as Array<{
      role: string;
      tool_call_id?: string;
      tool_calls?: Array<{ id: string }>;
    }>;
    const callId = sent.find((m) => m.role === 'assistant')?.tool_calls?.[0]?.id;
    expect(callId).toMatch(/^call_/);
    expect(sent.find((m) => m.role === 'tool')?.tool_call_id).toBe(callId);
  });

  it('an unknown model (404) stops the build as a setup error naming the server', async () => {
    server = await startFakeModelServer({ script: SCRIPT, fault: { kind: 'status', status: 404 } });
    const provider = new OpenAIProvider({
      model: 'no-such',
      apiKey: 'none',
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
    });
    const root = tempRepo();
    const res = await provider.runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('error');
    expect(res.setupError).toMatch(/base URL http:\/\/127\.0\.0\.1:\d+\/v1, model no-such: server answered 404/);
    expect(server.requests).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { checkStructured, extractJson } from '../../../src/build/agents/structured.js';
import type { ResponseSchema } from '../../../src/build/agents/types.js';
import { reviewerTools } from '../../../src/build/tools/index.js';
import { message, script, toolCalls, type FakeModelServerOptions } from '../../support/fake-model/index.js';
import { cleanupServers, openaiOn, serve } from './fake-server.js';
import { request, tempRepo } from './helpers.js';

const VERDICT: ResponseSchema = {
  name: 'verdict',
  schema: {
    type: 'object',
    properties: { approve: { type: 'boolean' }, comments: { type: 'array', items: { type: 'string' } } },
    required: ['approve', 'comments'],
    additionalProperties: false,
  },
};

afterEach(cleanupServers);

/** A reviewer session against a fake model server started with `opts`. */
async function review(opts: FakeModelServerOptions) {
  const server = await serve(opts);
  const root = tempRepo();
  const res = await openaiOn(server, { model: 'gpt-4.1' }).runSession(
    request(root, reviewerTools({ root }), { role: 'reviewer', prompt: 'Review the diff.', responseSchema: VERDICT }),
  );
  return { res, server };
}

describe('extractJson / checkStructured', () => {
  it('finds JSON bare, in fences, or embedded in prose', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Here:\n```json\n{"a": 2}\n```\nthanks')).toEqual({ a: 2 });
    expect(extractJson('I think {"a": "}{", "b": [1]} is it')).toEqual({ a: '}{', b: [1] });
    expect(extractJson('no json here')).toBeUndefined();
  });

  it('validates against the schema with readable errors', () => {
    expect(checkStructured('{"approve":true,"comments":[]}', VERDICT)).toMatchObject({
      ok: true,
      value: { approve: true, comments: [] },
    });
    const bad = checkStructured('{"approve":"yes"}', VERDICT);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toMatch(/comments|boolean/);
  });
});

describe('structured reviewer verdicts (OpenAI)', () => {
  it('sends response_format json_schema and returns the validated verdict', async () => {
    const { res, server } = await review({
      script: script(
        toolCalls([{ name: 'list_files', arguments: {} }]),
        message('{"approve": true, "comments": ["looks fine"]}'),
      ),
    });
    expect(res.endReason).toBe('final-message');
    expect(res.structured).toEqual({ approve: true, comments: ['looks fine'] });
    expect(JSON.parse(res.finalMessage)).toEqual(res.structured);
    expect(server.requests[0]!.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'verdict', schema: VERDICT.schema, strict: true },
    });
    const tools = (server.requests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(tools).toEqual(['list_files', 'read_file']);
  });

  it('re-asks once with the validation errors, then accepts a valid answer', async () => {
    const { res, server } = await review({
      script: script(message('Approved, nice work.'), message('```json\n{"approve": false, "comments": ["x"]}\n```')),
    });
    expect(res.endReason).toBe('final-message');
    expect(res.structured).toEqual({ approve: false, comments: ['x'] });
    const second = server.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(second.at(-1)!.role).toBe('user');
    expect(second.at(-1)!.content).toMatch(/did not validate:\nno JSON object found/);
  });

  it('fails with endReason error when the re-asked answer is still invalid', async () => {
    const { res, server } = await review({
      script: script(message('{"approve": "yes"}'), message('{"approve": "still yes"}'), message('never asked')),
    });
    expect(res.endReason).toBe('error');
    expect(res.error).toMatch(/did not match schema "verdict"/);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back to free text when the server rejects json_schema (400)', async () => {
    const { res, server } = await review({
      // a server that answers response_format json_schema with a 400
      quirks: { jsonSchema: 'reject' },
      script: script(
        message('Verdict below.\n```json\n{"approve": true, "comments": []}\n```'),
        toolCalls([{ name: 'read_file', arguments: { path: 'nope.txt' } }]),
      ),
    });
    expect(server.requests).toHaveLength(2);
    expect(res.endReason).toBe('final-message');
    expect(res.structured).toEqual({ approve: true, comments: [] });
    expect(server.requests[0]!.body.response_format).toBeDefined();
    expect(server.requests[1]!.body.response_format).toBeUndefined();
    const system = (server.requests[1]!.body.messages as Array<{ content: string }>)[0]!.content;
    expect(system).toMatch(/reply with only a JSON object/);
    expect(
      res.transcript.some((e) => e.type === 'note' && /rejected response_format json_schema/.test(e.content)),
    ).toBe(true);
  });
});

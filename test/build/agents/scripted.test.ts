import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedProvider } from '../../../src/build/agents/scripted.js';
import { parseSessionFile, SessionRecorder } from '../../../src/build/agents/session-file.js';
import type { ResponseSchema } from '../../../src/build/agents/types.js';
import { implementerTools, reviewerTools } from '../../../src/build/tools/index.js';
import { UserError } from '../../../src/util/errors.js';
import { message, script, session, toolCalls } from '../../support/fake-model/index.js';
import { cleanupServers, openaiOn, serve } from './fake-server.js';
import { request, snapshot, tempDir, tempRepo } from './helpers.js';

afterEach(cleanupServers);

const VERDICT: ResponseSchema = {
  name: 'verdict',
  schema: {
    type: 'object',
    properties: { approve: { type: 'boolean' } },
    required: ['approve'],
    additionalProperties: false,
  },
};

const BUILD_FILE = [
  '# a whole build: implementer per task, then the reviewer',
  '{"type":"session","role":"implementer","task":"01-scaffold"}',
  '{"type":"tool_calls","calls":[{"name":"write_file","arguments":{"path":"package.json","content":"{}\\n"}}],"usage":{"inputTokens":50,"outputTokens":5}}',
  '{"type":"tool_calls","calls":[{"name":"finish","arguments":{"summary":"scaffolded"}}]}',
  '{"type":"session","role":"implementer","task":"02-fn-slugify"}',
  '{"type":"tool_calls","content":"writing","calls":[{"name":"write_file","arguments":{"path":"src/slugify.js","content":"export {}\\n"}},{"name":"finish","arguments":{"summary":"slugify done"}}]}',
  '{"type":"session","role":"reviewer"}',
  '{"type":"message","content":"{\\"approve\\": true}"}',
].join('\n');

describe('session files', () => {
  it('parses headers, turns, usage and comments', () => {
    const sessions = parseSessionFile(BUILD_FILE, 'build.jsonl');
    expect(sessions.map((s) => [s.role, s.task, s.turns.length])).toEqual([
      ['implementer', '01-scaffold', 2],
      ['implementer', '02-fn-slugify', 1],
      ['reviewer', undefined, 1],
    ]);
    expect(sessions[0]!.turns[0]!.turn.usage).toEqual({ inputTokens: 50, outputTokens: 5 });
    expect(sessions[1]!.turns[0]!.turn.toolCalls.map((c) => c.name)).toEqual(['write_file', 'finish']);
  });

  it('rejects malformed lines with file:line', () => {
    expect(() => parseSessionFile('{"type":"message"}', 'x.jsonl')).toThrow(/x.jsonl:1: a message needs/);
    expect(() => parseSessionFile('\n{nope', 'x.jsonl')).toThrow(UserError);
    expect(() => parseSessionFile('{"type":"dance"}', 'x.jsonl')).toThrow(/unknown line type/);
  });
});

describe('ScriptedProvider', () => {
  it('replays a whole build from one file, matching sessions by role and task', async () => {
    const file = path.join(tempDir(), 'build.jsonl');
    writeFileSync(file, BUILD_FILE);
    const p = new ScriptedProvider({ file });
    const root = tempRepo();
    const tools = implementerTools({ root });
    // Sessions are consumed by role/task, not strictly by position.
    const s2 = await p.runSession(request(root, tools, { task: '02-fn-slugify' }));
    const s1 = await p.runSession(request(root, tools, { task: '01-scaffold' }));
    const rv = await p.runSession(
      request(root, reviewerTools({ root }), { role: 'reviewer', responseSchema: VERDICT }),
    );
    expect([s1.endReason, s2.endReason, rv.endReason]).toEqual(['finished', 'finished', 'final-message']);
    expect(s2.finalMessage).toBe('slugify done');
    expect(rv.structured).toEqual({ approve: true });
    expect(snapshot(root)).toEqual({ 'package.json': '{}\n', 'src/slugify.js': 'export {}\n' });
    expect(s1.model).toBe('scripted:build.jsonl');
    expect(s1.usage).toEqual({ inputTokens: 50, outputTokens: 5, costUsd: 0 });
    expect(s1.transcript.some((e) => e.type === 'note' && /no model was called/.test(e.content))).toBe(true);
    expect(s1.transcript.find((e) => e.type === 'tool')).toMatchObject({
      name: 'write_file',
      content: 'wrote package.json (3 bytes)',
    });
    expect(p.remaining()).toHaveLength(0);

    const extra = await p.runSession(request(root, tools, { task: '03-more' }));
    expect(extra.endReason).toBe('error');
    expect(extra.error).toMatch(/no scripted session left for implementer\/03-more/);
  });

  it('ends with error when a script runs out of turns, and honours budgets', async () => {
    const root = tempRepo();
    const sessions = parseSessionFile('{"type":"tool_calls","calls":[{"name":"list_files"}]}\n'.repeat(3));
    const res = await new ScriptedProvider({ sessions }).runSession(request(root, implementerTools({ root })));
    expect(res.endReason).toBe('error');
    expect(res.error).toMatch(/script exhausted/);
    const capped = await new ScriptedProvider({
      sessions: parseSessionFile('{"type":"tool_calls","calls":[{"name":"list_files"}]}\n'.repeat(3)),
    }).runSession(
      request(root, implementerTools({ root }), { budget: { maxTurns: 2, maxTokens: 1e9, maxWallMs: 5000 } }),
    );
    expect(capped.endReason).toBe('max-turns');
    const unbounded = await new ScriptedProvider({
      sessions: parseSessionFile('{"type":"message","content":"ok"}'),
    }).runSession(request(root, [], { budget: { maxTurns: Infinity, maxTokens: Infinity, maxWallMs: Infinity } }));
    expect([unbounded.endReason, unbounded.finalMessage]).toEqual(['final-message', 'ok']);
  });

  it('nudges only where the script goes on, so hand-written scripts may end with a message', async () => {
    const root = tempRepo();
    const tools = implementerTools({ root });
    const ends = await new ScriptedProvider({
      sessions: parseSessionFile('{"type":"message","content":"all done"}'),
    }).runSession(request(root, tools));
    expect([ends.endReason, ends.finalMessage, ends.turns]).toEqual(['final-message', 'all done', 1]);
    const goesOn = await new ScriptedProvider({
      sessions: parseSessionFile(
        '{"type":"message","content":"thinking"}\n{"type":"tool_calls","calls":[{"name":"finish","arguments":{"summary":"ok"}}]}',
      ),
    }).runSession(request(root, tools));
    expect([goesOn.endReason, goesOn.finalMessage, goesOn.turns]).toEqual(['finished', 'ok', 2]);
    expect(goesOn.transcript.some((e) => e.type === 'user' && /without calling a tool/.test(e.content))).toBe(true);
  });

  it('record (fake model server) → replay (scripted) reproduces the same repo and outcome', async () => {
    const server = await serve({
      // Two live sessions, an implementer then a reviewer: each new conversation takes the next one.
      script: script(
        session(),
        toolCalls(
          [{ name: 'write_file', arguments: { path: 'lib/a.py', content: 'def a():\n    return 1\n' } }],
          [120, 40],
        ),
        toolCalls([{ name: 'write_file', arguments: '{"path": "broken' }], [150, 5]),
        toolCalls(
          [{ name: 'edit_file', arguments: { path: 'lib/a.py', search: 'return 1', replace: 'return 2' } }],
          [160, 12],
        ),
        toolCalls([{ name: 'finish', arguments: { summary: 'a() returns 2' } }], [170, 8]),
        session(),
        message('{"approve": false}', [90, 6]),
      ),
    });
    const recordFile = path.join(tempDir(), 'rec', 'session.jsonl');
    const recorder = new SessionRecorder(recordFile);
    const live = openaiOn(server, { model: 'gpt-4o', record: recorder });
    const rootA = tempRepo();
    const a1 = await live.runSession(request(rootA, implementerTools({ root: rootA }), { task: '02-fn-a' }));
    const a2 = await live.runSession(
      request(rootA, reviewerTools({ root: rootA }), { role: 'reviewer', responseSchema: VERDICT }),
    );

    const rootB = tempRepo();
    const replay = new ScriptedProvider({ file: recordFile });
    const b1 = await replay.runSession(request(rootB, implementerTools({ root: rootB }), { task: '02-fn-a' }));
    const b2 = await replay.runSession(
      request(rootB, reviewerTools({ root: rootB }), { role: 'reviewer', responseSchema: VERDICT }),
    );

    expect(snapshot(rootB)).toEqual(snapshot(rootA));
    expect(snapshot(rootA)).toEqual({ 'lib/a.py': 'def a():\n    return 2\n' });
    expect([b1.endReason, b1.finalMessage, b1.turns]).toEqual([a1.endReason, a1.finalMessage, a1.turns]);
    expect(b2.structured).toEqual(a2.structured);
    expect(b1.usage.inputTokens).toBe(a1.usage.inputTokens);
    expect(b1.usage.costUsd).toBe(0);
    expect(a1.usage.costUsd).toBeGreaterThan(0);
    const strip = (t: typeof a1.transcript) =>
      t.filter((e) => e.type === 'tool').map((e) => (e.type === 'tool' ? [e.name, e.content, e.isError] : []));
    expect(strip(b1.transcript)).toEqual(strip(a1.transcript));
    const lines = readFileSync(recordFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual([
      'session',
      'tool_calls',
      'tool_calls',
      'tool_calls',
      'tool_calls',
      'session',
      'message',
    ]);
    expect(lines[2]).toMatchObject({ calls: [{ name: 'write_file', rawArguments: '{"path": "broken' }] });
    expect(lines[0]).toMatchObject({ role: 'implementer', task: '02-fn-a', recordedFrom: 'gpt-4o' });
  });
});

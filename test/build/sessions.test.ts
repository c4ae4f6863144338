import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionResult } from '../../src/build/agents/types.js';
import { SessionLog, sessionCause, sessionFacts } from '../../src/build/sessions.js';

const base: SessionResult = {
  endReason: 'finished',
  finalMessage: 'implemented shout',
  transcript: [
    {
      type: 'assistant',
      content: null,
      toolCalls: [
        { id: '1', name: 'write_file', arguments: '{}' },
        { id: '2', name: 'finish', arguments: '{}' },
      ],
    },
  ],
  usage: { inputTokens: 1, outputTokens: 2, costUsd: 0 },
  turns: 1,
  model: 'scripted:x',
};

describe('session facts', () => {
  it('count tool calls and keep the summary; a finished session has no cause', () => {
    const facts = sessionFacts(base, 1234, '.ghost/sessions/x.jsonl');
    expect(facts).toEqual({
      durationMs: 1234,
      summary: 'implemented shout',
      toolCalls: 2,
      turns: 1,
      transcript: '.ghost/sessions/x.jsonl',
    });
  });

  it('give an agent CLI’s real cause, not just its exit code', () => {
    const failed: SessionResult = {
      ...base,
      endReason: 'error',
      finalMessage: '',
      error: 'codex exited with 1',
      transcript: [
        {
          type: 'note',
          content: 'exec output (stdout+stderr):\nstarting\nError: 401 Unauthorized: invalid api key\nbye',
        },
      ],
    };
    expect(sessionCause(failed)).toBe('codex exited with 1: Error: 401 Unauthorized: invalid api key');
  });

  it('name the budget a session ran out of', () => {
    expect(sessionCause({ ...base, endReason: 'max-turns', finalMessage: '' })).toBe('max-turns');
  });
});

describe('SessionLog', () => {
  it('keeps each transcript, never overwrites one, and removes records naming hidden cases before any agent runs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-sessions-'));
    mkdirSync(path.join(dir, '.ghost/gate'), { recursive: true });
    writeFileSync(path.join(dir, '.ghost/gate/round-1.json'), '[{"id":"secret-hidden-id"}]');
    writeFileSync(path.join(dir, '.ghost/report.html'), 'secret-hidden-id');
    let sawRecords = true;
    const log = new SessionLog(dir);
    const provider = log.wrap({
      name: 'fake',
      model: 'fake',
      runSession: async () => {
        sawRecords = existsSync(path.join(dir, '.ghost/gate')) || existsSync(path.join(dir, '.ghost/report.html'));
        return base;
      },
    });
    const request = {
      role: 'implementer' as const,
      task: '02-fn-x',
      instructions: 'i',
      prompt: 'p',
      tools: [],
      budget: { maxTurns: 1, maxTokens: 1, maxWallMs: 1 },
      cwd: dir,
    };
    await provider.runSession(request);
    await provider.runSession(request);
    expect(sawRecords).toBe(false);
    const first = readFileSync(path.join(dir, '.ghost/sessions/02-fn-x-implementer.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(first[0] ?? '')).toMatchObject({
      type: 'session',
      role: 'implementer',
      task: '02-fn-x',
      endReason: 'finished',
    });
    expect(JSON.parse(first[1] ?? '')).toMatchObject({ type: 'assistant' });
    expect(existsSync(path.join(dir, '.ghost/sessions/02-fn-x-implementer-2.jsonl'))).toBe(true);
    expect(log.factsFor('02-fn-x')).toMatchObject({
      toolCalls: 2,
      transcript: '.ghost/sessions/02-fn-x-implementer-2.jsonl',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionResult } from '../../src/build/agents/types.js';
import { sessionCause, sessionFacts } from '../../src/build/sessions.js';

const base: SessionResult = {
  endReason: 'finished',
  finalMessage: 'implemented shout',
  transcript: [
    { type: 'assistant', content: null, toolCalls: [{ id: '1', name: 'write_file', arguments: '{}' }, { id: '2', name: 'finish', arguments: '{}' }] },
  ],
  usage: { inputTokens: 1, outputTokens: 2, costUsd: 0 },
  turns: 1,
  model: 'scripted:x',
};

describe('session facts', () => {
  it('count tool calls and keep the summary; a finished session has no cause', () => {
    const facts = sessionFacts(base, 1234, '.ghost/sessions/x.jsonl');
    expect(facts).toEqual({ durationMs: 1234, summary: 'implemented shout', toolCalls: 2, turns: 1, transcript: '.ghost/sessions/x.jsonl' });
  });

  it('give an agent CLI’s real cause, not just its exit code', () => {
    const failed: SessionResult = {
      ...base,
      endReason: 'error',
      finalMessage: '',
      error: 'codex exited with 1',
      transcript: [
        { type: 'note', content: 'exec output (stdout+stderr):\nstarting\nError: 401 Unauthorized: invalid api key\nbye' },
      ],
    };
    expect(sessionCause(failed)).toBe('codex exited with 1: Error: 401 Unauthorized: invalid api key');
  });

  it('name the budget a session ran out of', () => {
    expect(sessionCause({ ...base, endReason: 'max-turns', finalMessage: '' })).toBe('max-turns');
  });
});

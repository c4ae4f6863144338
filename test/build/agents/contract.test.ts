// One provider-contract suite, run against all three providers: given the same task
// ("write hello.txt, then finish"), each must leave the same repo and a coherent result.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecProvider } from '../../../src/build/agents/exec.js';
import { OpenAIProvider } from '../../../src/build/agents/openai.js';
import { ScriptedProvider } from '../../../src/build/agents/scripted.js';
import { parseSessionFile } from '../../../src/build/agents/session-file.js';
import type { Provider } from '../../../src/build/agents/types.js';
import { implementerTools } from '../../../src/build/tools/index.js';
import { startOpenAIStub, toolCalls, type OpenAIStub } from '../../support/openai-stub.js';
import { cleanup, FAKE_AGENT, request, snapshot, tempRepo } from './helpers.js';

const CONTENT = 'hello from the contract test';

function providerContract(name: string, make: () => Promise<Provider> | Provider): void {
  describe(`provider contract: ${name}`, () => {
    afterAll(cleanup);

    it('writes a file in the repo and ends successfully with a final message', async () => {
      const provider = await make();
      const root = tempRepo();
      const res = await provider.runSession(
        request(root, implementerTools({ root }), {
          task: '01-hello',
          prompt: `Create hello.txt containing "${CONTENT}", then finish.\nWRITE hello.txt ${CONTENT}`,
        }),
      );
      expect(['finished', 'final-message']).toContain(res.endReason);
      expect(res.error).toBeUndefined();
      expect(snapshot(root)).toEqual({ 'hello.txt': `${CONTENT}\n` });
      expect(res.finalMessage.length).toBeGreaterThan(0);
      expect(res.model).toBe(provider.model);
      expect(res.turns).toBeGreaterThanOrEqual(1);
      expect(res.transcript[0]).toMatchObject({ type: 'system' });
      expect(res.transcript[1]).toMatchObject({ type: 'user' });
      expect(res.usage.inputTokens).toBeGreaterThanOrEqual(0);
      expect(res.usage.costUsd).toBeGreaterThanOrEqual(0);
    });
  });
}

const script = [
  { name: 'write_file', arguments: { path: 'hello.txt', content: `${CONTENT}\n` } },
  { name: 'finish', arguments: { summary: 'wrote hello.txt' } },
];

let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub([toolCalls([script[0]!]), toolCalls([script[1]!])]);
});
afterAll(() => stub.close());

providerContract(
  'openai (local stub server)',
  () =>
    new OpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: 'sk-stub',
      baseURL: stub.baseURL,
      maxRetries: 0,
      timeoutMs: 2000,
    }),
);

providerContract(
  'scripted',
  () =>
    new ScriptedProvider({
      sessions: parseSessionFile(
        [
          JSON.stringify({ type: 'session', role: 'implementer', task: '01-hello' }),
          JSON.stringify({ type: 'tool_calls', calls: [script[0]] }),
          JSON.stringify({ type: 'tool_calls', calls: [script[1]] }),
        ].join('\n'),
      ),
      label: 'contract',
    }),
);

providerContract(
  'exec (fake agent CLI)',
  () => new ExecProvider({ command: ['node', path.resolve(FAKE_AGENT), '{prompt_file}'] }),
);

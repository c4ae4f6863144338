// One provider-contract suite, run against all three providers: given the same task
// ("write hello.txt, then finish"), each must leave the same repo and a coherent result.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecProvider } from '../../../src/build/agents/exec.js';
import { ScriptedProvider } from '../../../src/build/agents/scripted.js';
import { parseSessionFile } from '../../../src/build/agents/session-file.js';
import type { Provider } from '../../../src/build/agents/types.js';
import { implementerTools } from '../../../src/build/tools/index.js';
import { script, session, toolCalls, type FakeModelServer } from '../../support/fake-model/index.js';
import { cleanupServers, openaiOn, serve } from './fake-server.js';
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

// One session file: the scripted provider replays it, the fake model server answers the openai provider with it.
const SESSION = script(
  session({ role: 'implementer', task: '01-hello' }),
  toolCalls([{ name: 'write_file', arguments: { path: 'hello.txt', content: `${CONTENT}\n` } }]),
  toolCalls([{ name: 'finish', arguments: { summary: 'wrote hello.txt' } }]),
);

let server: FakeModelServer;
beforeAll(async () => {
  server = await serve({ script: SESSION });
});
afterAll(cleanupServers);

providerContract('openai (fake model server)', () => openaiOn(server));

providerContract(
  'scripted',
  () =>
    new ScriptedProvider({
      sessions: parseSessionFile(SESSION),
      label: 'contract',
    }),
);

providerContract(
  'exec (fake agent CLI)',
  () => new ExecProvider({ command: ['node', path.resolve(FAKE_AGENT), '{prompt_file}'] }),
);

// The openai provider against the fake model server (test/support/fake-model): the set-up its
// tests share. Servers started here are closed by `cleanupServers`, which also removes the
// temporary repos.
import { OpenAIProvider, type OpenAIProviderOptions } from '../../../src/build/agents/openai.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeModelServerOptions,
} from '../../support/fake-model/index.js';
import { cleanup } from './helpers.js';

const servers: FakeModelServer[] = [];

/** A fake model server for this test (or file); `cleanupServers` closes it. */
export async function serve(opts: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const server = await startFakeModelServer(opts);
  servers.push(server);
  return server;
}

/** For afterEach/afterAll: close the servers, then remove the temporary repos. */
export async function cleanupServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  cleanup();
}

/** The real openai provider (real SDK, real HTTP) pointed at `server`; no retries, a short timeout. */
export function openaiOn(server: FakeModelServer, extra: Partial<OpenAIProviderOptions> = {}): OpenAIProvider {
  return new OpenAIProvider({
    model: 'gpt-4o-mini',
    apiKey: 'sk-fake',
    baseURL: `${server.url}/v1`,
    maxRetries: 0,
    timeoutMs: 2000,
    ...extra,
  });
}

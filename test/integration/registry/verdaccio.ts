// A real npm registry for tests: verdaccio in-process on 127.0.0.1 (free port), temp storage,
// no uplinks (nothing leaves the machine), one user created over the registry's own HTTP API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LocalRegistry {
  url: string;
  /** A temp npmrc holding the user's token; point npm at it with NPM_CONFIG_USERCONFIG. */
  npmrc: string;
  /** Environment for npm: this npmrc, a temp cache, this registry. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<LocalRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ghost-verdaccio-'));
  const config = path.join(dir, 'config.yaml');
  await writeFile(
    config,
    [
      'storage: ./storage',
      'auth:',
      '  htpasswd:',
      '    file: ./htpasswd',
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'log: { type: stdout, format: pretty, level: fatal }',
      'web: { enable: false }',
      '',
    ].join('\n'),
  );
  const { runServer } = (await import('verdaccio')) as unknown as { runServer: (file: string) => Promise<Server> };
  const server = await runServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  const res = await fetch(`${url}-/user/org.couchdb.user:ghost`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ghost', password: 'ghost-test-password', email: 'ghost@localhost', type: 'user' }),
  });
  const { token } = (await res.json()) as { token?: string };
  if (!res.ok || !token) throw new Error(`verdaccio: could not create a user (${res.status})`);
  const npmrc = path.join(dir, '.npmrc');
  await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  const env = {
    ...process.env,
    NPM_CONFIG_USERCONFIG: npmrc,
    NPM_CONFIG_CACHE: path.join(dir, 'npm-cache'),
    NPM_CONFIG_REGISTRY: url,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  };
  return {
    url,
    npmrc,
    env,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

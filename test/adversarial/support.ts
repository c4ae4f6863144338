// Shared set-up for the adversarial suite: a "user project" holding the oracle spec (whose
// hidden cases carry answers found nowhere else) and the hostile implementations, a fake HOME
// with secrets, secret-looking variables in ghost's environment, and an oracle server on
// 127.0.0.1 that hands out an answer to anyone who can reach it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { probeJail, runtimeBinds } from '../../src/process/index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const HOSTILE = path.join(ROOT, 'fixtures/hostile');
export const GHOST_BIN = path.join(ROOT, 'bin/ghost.js');
export const jailWorks = probeJail().ok;

export const SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgres://secret-user:secret-pw@db.internal/prod',
  FOO_DSN: 'dsn-secret-31337',
  X_PEM: '-----BEGIN PRIVATE KEY----- secret-pem',
  WEBHOOK_URL: 'https://hooks.example/secret-webhook',
  OPENAI_API_KEY: 'sk-secret-openai',
};
export const HOME_SECRET = 'HOME-SECRET-9191';
export const MARKER = 'ORACLE-SETSID-MARKER';
export const HIDDEN_ARG = 'ORACLE-HIDDEN-ARG-777';
export const ORACLE_PORT = 47474;

export interface Project {
  dir: string;
  spec: string;
  impl: (lang: 'python' | 'javascript') => string;
  home: string;
  restore: () => Promise<void>;
}

/** Builds the project and poisons ghost's environment; `restore` undoes it. */
export async function hostileProject(): Promise<Project> {
  // resolve the runtimes while HOME is still the real one (pyenv shims look there)
  for (const l of ['python', 'javascript']) runtimeBinds(l);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-adversarial-'));
  const spec = path.join(dir, 'spec.md');
  cpSync(path.join(HOSTILE, 'spec.md'), spec);
  for (const l of ['python', 'javascript'])
    cpSync(path.join(HOSTILE, l), path.join(dir, `impl-${l}`), { recursive: true });
  const home = path.join(dir, 'home');
  mkdirSync(home);
  writeFileSync(path.join(home, 'secret.txt'), `${HOME_SECRET}\n`);
  cpSync(spec, path.join(home, 'notes.md')); // the user keeps a copy of the spec at home
  const saved = { ...process.env };
  const realHome = process.env.HOME ?? '/root';
  if (!process.env.PYENV_ROOT && existsSync(path.join(realHome, '.pyenv')))
    process.env.PYENV_ROOT = path.join(realHome, '.pyenv');
  Object.assign(process.env, SECRETS, { HOME: home });
  const server = net.createServer((s) => s.end('ORACLE-ANSWER-4242-network\n'));
  await new Promise<void>((resolve) => {
    server.once('error', () => resolve()); // port taken: the network attack just finds nobody
    server.listen(ORACLE_PORT, '127.0.0.1', () => resolve());
  });
  return {
    dir,
    spec,
    impl: (l) => path.join(dir, `impl-${l}`),
    home,
    async restore() {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
      rmSync('/tmp/oracle-loot', { force: true });
    },
  };
}

/** What an implementation produced or printed, over all cases: where a leak would show. */
export function implementationOutput(report: ConformanceReport): string {
  return JSON.stringify(report.results.map((r) => [r.actual, r.output]));
}

/** Every leak the oracle implementation could have carried out, as readable strings. */
export function leaks(text: string): string[] {
  const found: string[] = [];
  if (text.includes('ORACLE-ANSWER-4242')) found.push('a hidden answer');
  for (const [k, v] of Object.entries(SECRETS)) if (text.includes(v)) found.push(`${k}'s value`);
  if (text.includes(HOME_SECRET)) found.push('a file from the user HOME');
  return found;
}

/** Host processes whose command line contains `needle` (alive, not zombies). */
export function processesWith(needle: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle)) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

export async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Files under `dir` whose content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    if (readFileSync(p, 'utf8').includes(needle)) hits.push(p);
  }
  return hits;
}

// The real agent CLIs, pinned to versions that run on Node 20, installed from npm into a cache
// outside the project's dependencies (they are hundreds of MB of native binaries, and users
// install their own). Nothing here talks to a model service: tests point them at the fake
// model server on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PINNED = {
  '@openai/codex': '0.171.0',
  // 2.1.198 and later declare engines node >= 22.
  '@anthropic-ai/claude-code': '2.1.197',
} as const;

/** Not under /tmp: Codex refuses to create its helper binaries there and its sandbox fails. */
export function cacheRoot(): string {
  return process.env.GHOST_AGENT_CACHE ?? path.join(os.homedir(), '.cache', 'ghost-tests');
}

export function cliDir(): string {
  const tag = Object.entries(PINNED)
    .map(([n, v]) => `${n.split('/')[1]}-${v}`)
    .join('_');
  return path.join(cacheRoot(), 'agent-clis', tag);
}

export function cliBin(): string {
  return path.join(cliDir(), 'node_modules', '.bin');
}

/** Installs the pinned CLIs once; later runs reuse them. */
export function ensureClis(): string {
  const dir = cliDir();
  const bin = cliBin();
  if (existsSync(path.join(bin, 'codex')) && existsSync(path.join(bin, 'claude'))) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'ghost-agent-clis', private: true }, null, 2)}\n`,
  );
  const specs = Object.entries(PINNED).map(([n, v]) => `${n}@${v}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...specs], { cwd: dir, stdio: 'inherit' });
  return bin;
}

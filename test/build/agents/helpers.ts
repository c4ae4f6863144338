// Shared test helpers: throwaway git repos and requests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Budget, SessionRequest, Tool } from '../../../src/build/agents/types.js';

const made: string[] = [];

export function tempRepo(git = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-agents-'));
  made.push(dir);
  if (git) execFileSync('git', ['init', '-q', dir]);
  return dir;
}

export function tempDir(): string {
  return tempRepo(false);
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export const BUDGET: Budget = { maxTurns: 20, maxTokens: 1_000_000, maxWallMs: 10_000 };

export function request(cwd: string, tools: Tool[], extra: Partial<SessionRequest> = {}): SessionRequest {
  return {
    role: 'implementer',
    instructions: 'You implement the task.',
    prompt: 'Write hello.txt and finish.',
    tools,
    budget: BUDGET,
    cwd,
    ...extra,
  };
}

/** Every file under `dir` (relative path → content), .git and .ghost excluded. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === '.git' || name === '.ghost') continue;
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = readFileSync(abs, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export const FAKE_AGENT = path.resolve('fixtures/agents/fake-agent.mjs');

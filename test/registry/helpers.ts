// Shared by the registry tests: build options for the tiny fixture, a provider that counts
// the sessions it is asked for, temp project folders.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScriptedProvider } from '../../src/build/agents/index.js';
import type { Provider, SessionRequest, SessionResult } from '../../src/build/agents/types.js';
import type { BuildOptions } from '../../src/build/types.js';
import { runConformance } from '../../src/conformance/index.js';
import { makePlan } from '../../src/plan/index.js';
import { loadSpec, readSpecSource } from '../../src/spec/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(ROOT, 'fixtures', 'registry');
export const TINY = path.join(FIXTURES, 'tiny');
export const TINY_11 = path.join(FIXTURES, 'tiny-1.1');
export const SESSION_10 = path.join(FIXTURES, 'tiny-python.jsonl');
export const SESSION_11 = path.join(FIXTURES, 'tiny-python-1.1.jsonl');

export const tempProject = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'ghost-project-'));

/** Wraps a provider and records every session requested (`role:task`). */
export class CountingProvider implements Provider {
  readonly name: string;
  readonly model: string;
  readonly calls: string[] = [];
  constructor(private readonly inner: Provider) {
    this.name = inner.name;
    this.model = inner.model;
  }
  runSession(request: SessionRequest): Promise<SessionResult> {
    this.calls.push(`${request.role}:${request.task ?? ''}`);
    return this.inner.runSession(request);
  }
}

export const scripted = (file?: string): CountingProvider =>
  new CountingProvider(file ? new ScriptedProvider({ file }) : new ScriptedProvider({ sessions: [] }));

export async function buildOptions(specPath: string, outDir: string, provider: Provider): Promise<BuildOptions> {
  const specSource = await readSpecSource(specPath);
  const { spec } = await loadSpec(specPath);
  return {
    spec,
    specSource,
    plan: makePlan(spec, { language: 'python' }),
    language: 'python',
    outDir,
    implementer: provider,
    reviewer: provider,
    runConformance,
    maxRounds: 1,
    session: { maxTurns: 20, maxTokens: 1_000_000, maxWallMs: 120_000 },
    conformance: { jobs: 1 },
    resume: false,
    force: false,
  };
}

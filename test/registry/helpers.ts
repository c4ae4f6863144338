// Shared by the registry tests: build options for the tiny fixture, a provider that counts
// the sessions it is asked for, temp project folders.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScriptedProvider } from '../../src/build/agents/index.js';
import type { Provider, SessionRequest, SessionResult } from '../../src/build/agents/types.js';
import type { BuildOptions } from '../../src/build/types.js';
import { buildOptionsFor } from '../support/build-options.js';

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

export const buildOptions = (specPath: string, outDir: string, provider: Provider): Promise<BuildOptions> =>
  buildOptionsFor(specPath, outDir, provider, { maxRounds: 1 });

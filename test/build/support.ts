// Shared set-up for build tests: the roman spec (small, with hidden cases), its hand-written
// Python reference, and scripted sessions authored here (never presented as a model's).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSessionFile, ScriptedProvider } from '../../src/build/agents/index.js';
import type { Provider } from '../../src/build/agents/types.js';
import type { BuildOptions } from '../../src/build/types.js';
import { buildOptionsFor } from '../support/build-options.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ROMAN_SPEC = path.join(ROOT, 'specs/roman.md');
export const ROMAN_PY = readFileSync(path.join(ROOT, 'fixtures/impls/roman/python/roman.py'), 'utf8');

export const tmpDir = (prefix = 'ghost-build-') => mkdtempSync(path.join(os.tmpdir(), prefix));

const line = (o: unknown) => JSON.stringify(o);
export const session = (role: 'implementer' | 'reviewer', task: string) => line({ type: 'session', role, task });
export const write = (file: string, content: string, usage?: [number, number]) =>
  line({
    type: 'tool_calls',
    calls: [{ name: 'write_file', arguments: { path: file, content } }],
    ...(usage ? { usage: { inputTokens: usage[0], outputTokens: usage[1] } } : {}),
  });
export const call = (name: string, args: Record<string, unknown>) =>
  line({ type: 'tool_calls', calls: [{ name, arguments: args }] });
export const finish = (summary = 'done') => call('finish', { summary });
export const verdict = (decision: 'approve' | 'request_changes', findings: unknown[] = []) =>
  line({ type: 'message', content: JSON.stringify({ decision, findings }) });

/** The roman plan's tasks, each implemented by one scripted session. */
export function romanTaskSessions(moduleText: string): string[] {
  return [
    session('implementer', '01-scaffold'),
    write('roman.py', '"""roman numerals"""\n'),
    finish(),
    session('implementer', '02-fn-to_roman'),
    write('roman.py', moduleText),
    finish(),
    session('implementer', '03-fn-from_roman'),
    call('run_conformance', { pattern: 'from' }),
    finish(),
    session('implementer', '04-integration'),
    finish(),
  ];
}

export function scripted(lines: string[]): ScriptedProvider {
  return new ScriptedProvider({ sessions: parseSessionFile(lines.join('\n'), 'test'), label: 'test' });
}

export const romanBuildOptions = (
  outDir: string,
  provider: Provider,
  extra: Partial<BuildOptions> = {},
): Promise<BuildOptions> => buildOptionsFor(ROMAN_SPEC, outDir, provider, extra);

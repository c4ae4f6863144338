// `ghost build` usage errors, in-process: they must fail before any work (exit 2, no stack).
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('ghost build flags', () => {
  it('rejects an unknown --lang before doing anything', async () => {
    const r = await runCli([
      'build',
      'specs/roman.md',
      '--lang',
      'cobol',
      '--provider',
      'scripted',
      '--session',
      'nope.jsonl',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^ghost: --lang: unknown language "cobol"; known languages: python, javascript, typescript, java, go, ruby, rust\n$/,
    );
  });

  it('rejects --resume with --force', async () => {
    const r = await runCli([
      'build',
      'specs/roman.md',
      '--lang',
      'python',
      '--provider',
      'scripted',
      '--session',
      'nope.jsonl',
      '--resume',
      '--force',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ghost: --resume and --force contradict each other/);
  });
});

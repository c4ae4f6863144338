// The program command cases run when ghost.json names none. A TypeScript program is bundled
// once by ghost's own esbuild (jailed: from where the jail maps it), so it needs no compiler
// of its own, and each case starts plain node.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/conformance/command.js';

const TS_PROGRAM = 'fixtures/impls/textstat/typescript';

function copyOf(dir: string): string {
  const to = path.join(mkdtempSync(path.join(tmpdir(), 'ghost-ts-')), 'impl');
  cpSync(dir, to, { recursive: true });
  return to;
}

describe('defaultProgram', () => {
  it('bundles a TypeScript entry with esbuild, from the jail’s fixed path when jailed', () => {
    const jailed = defaultProgram('typescript', 'src/main.ts', true, TS_PROGRAM).build!;
    expect(jailed.slice(-7)).toEqual([
      'src/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm', // its package.json says "type": "module"
      '--packages=external',
      '--outfile=.ghost-build/main.mjs',
      '--log-level=warning',
    ]);
    expect(jailed.some((a) => a.startsWith('/opt/ghost/node_modules/esbuild/'))).toBe(true);
    expect(defaultProgram('typescript', 'src/main.ts', true, TS_PROGRAM).command).toEqual([
      process.execPath,
      '.ghost-build/main.mjs',
    ]);
  });

  it('builds on the host and runs the bundle with plain node', () => {
    const dir = copyOf(TS_PROGRAM);
    const build = defaultProgram('typescript', 'src/main.ts', false, dir).build!;
    expect(existsSync(build.find((a) => a.includes('esbuild'))!)).toBe(true);
    const b = spawnSync(build[0]!, build.slice(1), { cwd: dir, encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const run = defaultProgram('typescript', 'src/main.ts', false, dir).command!;
    const r = spawnSync(run[0]!, [...run.slice(1), '--lines', '--json'], { cwd: dir, input: 'a\nb', encoding: 'utf8' });
    expect(r.stdout).toBe('{"lines":2}\n');
  });

  it('bundles as CommonJS what Node would run as CommonJS', () => {
    const dir = copyOf(TS_PROGRAM);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x","private":true}\n');
    expect(defaultProgram('typescript', 'src/main.ts', false, dir).build).toContain('--format=cjs');
    expect(defaultProgram('typescript', 'src/main.ts', false, dir).command).toEqual([
      process.execPath,
      '.ghost-build/main.cjs',
    ]);
    expect(defaultProgram('typescript', 'main.cts', false, dir).build).toContain('--format=cjs');
    expect(defaultProgram('typescript', 'main.mts', false, dir).build).toContain('--format=esm');
  });

  it('runs single-file scripts with their interpreter, and nothing it cannot run', () => {
    expect(defaultProgram('javascript', 'main.mjs').command).toEqual([process.execPath, 'main.mjs']);
    expect(defaultProgram('javascript', 'main.mjs').build).toBeUndefined();
    expect(defaultProgram('typescript', 'main.py').command).toBeUndefined();
    expect(defaultProgram('java', 'Main.java').command).toBeUndefined();
  });
});

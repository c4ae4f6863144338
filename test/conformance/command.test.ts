// The program command cases run when ghost.json names no command: a TypeScript program runs
// through ghost's own tsx (jailed: where the jail maps it), so it needs no compiler of its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCommand } from '../../src/conformance/command.js';

const TS_PROGRAM = 'fixtures/impls/textstat/typescript';

describe('defaultCommand', () => {
  it('runs a TypeScript entry through tsx, from the jail’s fixed path when jailed', () => {
    const jailed = defaultCommand('typescript', 'src/main.ts', true);
    expect(jailed).toEqual([
      process.execPath,
      '--import',
      '/opt/ghost/node_modules/tsx/dist/loader.mjs',
      'src/main.ts',
    ]);
    const host = defaultCommand('typescript', 'src/main.ts', false)!;
    expect(existsSync(host[2]!)).toBe(true);
    const r = spawnSync(host[0]!, [...host.slice(1), '--lines', '--json'], {
      cwd: TS_PROGRAM,
      input: 'a\nb',
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('{"lines":2}\n');
  });

  it('runs single-file scripts with their interpreter, and nothing it cannot run', () => {
    expect(defaultCommand('javascript', 'main.mjs')).toEqual([process.execPath, 'main.mjs']);
    expect(defaultCommand('typescript', 'main.py')).toBeUndefined();
    expect(defaultCommand('java', 'Main.java')).toBeUndefined();
  });
});

// The fuzzer's sessions run CLI-shaped implementations the way the conformance runner does:
// a compiled program is built (ghost.json `build`) before its first run. Before this, a Go or
// Rust program was never built by `ghost fuzz`, so every run failed alike and nothing disagreed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openImplementation } from '../../src/conformance/index.js';
import { spec } from './helpers.js';

describe('a session on a program with a build step', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-session-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds once, then runs the built program', async () => {
    writeFileSync(
      path.join(dir, 'ghost.json'),
      JSON.stringify({
        language: 'python',
        build: ['sh', '-c', 'echo built >> build.log; printf "echo hello" > prog.sh'],
        command: ['sh', 'prog.sh'],
      }),
    );
    const s = openImplementation({ ...spec([]), functions: [] }, dir, { isolation: 'none', timeoutMs: 5000 });
    try {
      const [a, b] = await Promise.all([s.run([], ''), s.run(['x'], 'y')]);
      expect(a).toMatchObject({ type: 'exit', exitCode: 0, stdout: 'hello\n' });
      expect(b).toMatchObject({ type: 'exit', exitCode: 0, stdout: 'hello\n' });
      expect(readFileSync(path.join(dir, 'build.log'), 'utf8')).toBe('built\n');
    } finally {
      await s.close();
    }
  });
});

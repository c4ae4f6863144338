// A build whose model server is unreachable stops at once and says where it looked,
// instead of running every task and round against the same refusal.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'ghost-failfast-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('ghost build with a dead server', () => {
  it('ends with exit 2 and names the URL (connection refused on 127.0.0.1:9)', async () => {
    const args = [
      'bin/ghost.js',
      'build',
      'specs/slugify.md',
      '--lang',
      'python',
      '--provider',
      'openai',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--out',
      path.join(out, 'b'),
    ];
    const r = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, GHOST_MAX_RETRIES: '1' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(r.stderr).toMatch(/cannot connect/);
    expect(r.stderr).not.toMatch(/REJECTED|internal error/);
    // the first task's session, not six tasks and three rounds
    expect(r.stderr).not.toContain('02-fn-');
  });
});

// `ghost plan spec.md | head -1`: the reader closing the pipe early is not an error.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('ghost writing into a closed pipe', () => {
  it('exits quietly when the reader stops early', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/ghost.js'), 'plan', 'specs/semver.md', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // The reader is gone before ghost writes anything (what `| head` does to the rest).
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});

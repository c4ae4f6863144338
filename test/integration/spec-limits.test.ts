// `ghost check` on inputs past the parser's limits, as a user runs it: a 5 MB line of `[` and a
// list 1,000 deep used to run for minutes; now each is a clear "too large / too deep" error,
// exit 2, no stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const HEAD = '---\nname: p\nversion: 1.0.0\n---\n\n# p\n\n## f(x: integer) -> integer\n\n';
const dir = mkdtempSync(path.join(tmpdir(), 'ghost-limits-'));

async function check(name: string, body: string) {
  const file = path.join(dir, name);
  writeFileSync(file, HEAD + body);
  return execa('node', ['bin/ghost.js', 'check', file], { reject: false, timeout: 60_000 });
}

describe('ghost check past the limits', () => {
  it('a 5 MB line of `[` is too large, exit 2', async () => {
    const r = await check('brackets.md', `${'['.repeat(5_000_000)}\n`);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/brackets\.md:10:1: too large/);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js/);
  });

  it('a list 1,000 deep is too deeply nested, exit 2', async () => {
    const r = await check('list.md', Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- x\n`).join(''));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/list\.md:211:1: too deeply nested/);
  });

  it('flow lists 2,000 and 10,000 deep and an alias bomb get yaml-limit diagnostics, never "internal error"', async () => {
    for (const n of [2000, 10_000]) {
      const r = await check(
        `flow-${n}.md`,
        `\`\`\`yaml conformance fn=f\n- id: a\n  args: [${'['.repeat(n)}${']'.repeat(n)}]\n  expect: 1\n\`\`\`\n`,
      );
      expect(r.exitCode).toBe(1);
      expect(r.stdout + r.stderr).toMatch(/:11:1: error YAML nested too deeply/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    const r = await execa('node', ['bin/ghost.js', 'check', 'fixtures/limits/alias-bomb.md'], { reject: false });
    expect(r.stdout + r.stderr).toMatch(/aliases expand too far/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

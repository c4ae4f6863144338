// `ghost fuzz` through main(): usage errors exit 2 before any implementation starts. Runs
// with real drivers (two copies, reference vs buggy, JS vs Python) are in
// test/integration/fuzz.test.ts.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const MINI = 'fixtures/impls/mini/mini.md';
const JS = 'fixtures/impls/mini/javascript-esm';

describe('ghost fuzz', () => {
  it.each([
    [['fuzz', MINI], /at least one --impl/],
    [['fuzz', MINI, '--impl', 'fixtures/no-such-dir'], /--impl fixtures\/no-such-dir: no such directory/],
    [['fuzz', 'no-such.md', '--impl', JS], /spec not found/],
  ])('usage error %#: exit 2 with a message', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    ['--time-limit', 'soon'],
    ['--runs', '0'],
    ['--seed', '-1'],
    ['--format', 'xml'],
  ])('rejects %s %s (exit 2)', async (flag, value) => {
    const r = await runCli(['fuzz', MINI, '--impl', JS, flag, value]);
    expect(r.code).toBe(2);
  });
});

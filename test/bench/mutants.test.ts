import { describe, expect, it } from 'vitest';
import { applyHunks, bugLabels, parseHunks } from '../../bench/mutants.js';

const DIFF = `--- a/x.py
+++ b/x.py
@@ -1 +1 @@
-"""Reference."""
+"""DELIBERATELY BUGGY variant."""
@@ -3,2 +3 @@
-a = 1
-b = 2
+a = 2  # BUG 1: off by one
@@ -6,0 +6 @@
+c = 3  # BUG Q2
`;

describe('single-bug mutants', () => {
  it('reads each hunk with its bug label (cosmetic hunks have none)', () => {
    const problems: string[] = [];
    const hunks = parseHunks('x.py', DIFF, problems);
    expect(problems).toEqual([]);
    expect(hunks.map((h) => h.bug)).toEqual(['', '1', 'Q2']);
    expect(bugLabels(hunks)).toEqual(['1', 'Q2']);
  });

  it('applies only the chosen bug', () => {
    const hunks = parseHunks('x.py', DIFF, []);
    const ref = ['"""Reference."""', '', 'a = 1', 'b = 2', '', 'd = 4', ''].join('\n');
    expect(
      applyHunks(
        ref,
        hunks.filter((h) => h.bug === '1'),
      ),
    ).toBe(['"""Reference."""', '', 'a = 2  # BUG 1: off by one', '', 'd = 4', ''].join('\n'));
    expect(
      applyHunks(
        ref,
        hunks.filter((h) => h.bug === 'Q2'),
      ),
    ).toBe(['"""Reference."""', '', 'a = 1', 'b = 2', '', 'd = 4', 'c = 3  # BUG Q2', ''].join('\n'));
  });

  it('refuses an unmarked hunk and a hunk marked with two bugs', () => {
    const problems: string[] = [];
    parseHunks('y.go', '@@ -4 +4 @@\n-x := 1\n+x := 2\n@@ -9 +9 @@\n-y\n+y // BUG 1 and BUG 2\n', problems);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/unmarked hunk.*y\.go:4/);
    expect(problems[1]).toMatch(/several bugs \(1, 2\)/);
  });
});

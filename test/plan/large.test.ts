// A generated ~90 KB function spec through the real front end: the planner's cost, the shape
// of a big plan, and hidden cases staying out of it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePlan, validatePlan } from '../../src/plan/index.js';
import { loadSpec } from '../../src/spec/index.js';

/** ~90 KB: functions op_0…op_N, each building on the previous, 9 visible + 3 hidden cases each. */
function largeSpec(bytes = 90_000): string {
  const out = [
    '---',
    'ghost: 1',
    'name: textkit',
    'version: 2.3.0',
    '---',
    '',
    '# textkit',
    '',
    'Small text functions.',
    '',
  ];
  // Shared rules every function task carries (general by title, and referred to by each).
  out.push('## 1. Conventions', '', 'Text is a sequence of code points; lengths count code points. '.repeat(40), '');
  out.push('## Control characters', '', 'U+0000 to U+001F and U+007F to U+009F are control characters.', '');
  for (let i = 0; out.join('\n').length < bytes; i++) {
    const name = `op_${i}`;
    out.push(
      `## ${name}(text: string, n?: integer = 1) -> string`,
      '',
      `Applies transformation ${i} to \`text\`, \`n\` times. The result MUST NOT contain control characters.` +
        (i > 0 ? ` It builds on \`op_${i - 1}\`.` : '') +
        ' Control characters are listed in [Control characters](#control-characters), lengths in §1.' +
        ' Negative `n` MUST raise `InvalidCount`.',
      '',
      '```yaml conformance',
    );
    for (let k = 0; k < 8; k++) {
      out.push(
        `- id: ${name}-case-${k}`,
        `  fn: ${name}`,
        `  args: ["sample input ${k} for ${name}", ${k % 3}]`,
        `  expect: "expected output ${k} of ${name}"`,
      );
    }
    out.push(
      `- id: ${name}-negative`,
      `  fn: ${name}`,
      '  args: ["x", -1]',
      '  error: InvalidCount',
      '```',
      '',
      '```yaml conformance hidden',
    );
    for (let k = 0; k < 3; k++)
      out.push(
        `- id: ${name}-hidden-${k}`,
        `  fn: ${name}`,
        `  args: ["SECRET ${k}", 1]`,
        `  expect: "SECRET-OUT-${k}"`,
      );
    out.push('```', '');
  }
  return out.join('\n');
}

describe('a large function spec', () => {
  it('plans in dependency order, without hidden cases', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ghost-large-')), 'textkit.md');
    writeFileSync(file, largeSpec());
    const { spec, diagnostics } = await loadSpec(file);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const n = spec.functions.length;
    expect(n).toBeGreaterThan(40);

    // How quickly is bench/spec-parse.ts's business (`npm run bench`): a time limit here failed
    // whenever the machine was busy.
    const plan = makePlan(spec, { language: 'ts' });

    expect(plan.tasks).toHaveLength(n + 2);
    for (const t of plan.tasks.slice(1, -1))
      expect(t.sections.slice(1)).toEqual(['1-conventions', 'control-characters']);
    expect(plan.tasks[5]!.dependsOn).toEqual(['01-scaffold', plan.tasks[4]!.id]);
    const json = JSON.stringify(plan);
    expect(json).not.toContain('SECRET');
    expect(json).not.toMatch(/-hidden-\d/);
    expect(plan.cases).toEqual({ visible: n * 9, hidden: n * 3 });
    expect(await validatePlan(plan)).toEqual([]);
  });
});

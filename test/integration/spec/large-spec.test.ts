// A 1 MB spec goes through the whole parser (seconds under load, so not in the default tier).
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/spec/index.js';

// Size scaling (1–8 MB, MB/s, whole-process timings) lives in bench/spec-parse.ts
// (`npm run bench`); here only that a big spec goes through whole.
describe('a 1 MB spec', () => {
  it('parses', () => {
    const section = (i: number): string =>
      `## ${i}. Part ${i}\n\nThe function MUST handle part ${i}, e.g. 1.5 and 2.5. It SHOULD be fast.\n\n` +
      `| a | b |\n|---|---|\n| ${i} | x |\n\n` +
      '```yaml conformance fn=neg\n' +
      `- id: neg-${i}\n  args: [${i}]\n  expect: ${-i}\n` +
      '```\n\n';
    const parts = ['---\nname: big\nversion: 1.0.0\n---\n\n# big\n\n### neg(x: number) -> number\n\n'];
    let size = parts[0]?.length ?? 0;
    let i = 0;
    while (size < 1024 * 1024) {
      const s = section(++i);
      parts.push(s);
      size += s.length;
    }
    const { spec, diagnostics } = parseSpec(parts.join(''), 'big.md');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases).toHaveLength(i);
    expect(spec.requirements).toHaveLength(2 * i);
    expect(spec.sections[0]?.children).toHaveLength(i + 1);
  });
});

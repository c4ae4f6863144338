// "Did you mean" on the names a spec author can mistype: front-matter and case keys,
// requirement ids, function names.
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

const F = '```';
const messages = (source: string) =>
  parseSpec(source, 's.md')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}: ${d.message}`);

describe('did you mean', () => {
  it('suggests the front-matter key', () => {
    expect(messages('---\nname: x\nverison: 1.0.0\n---\n\n# x\n')).toEqual([
      '3: front matter: unknown key `verison`; did you mean `version`?',
    ]);
  });

  it('suggests case keys, requirement ids and function names', () => {
    const spec = `# x\n\n### clamp(a: number) -> number\n\nIt MUST clamp [R-one].\n\n${F}yaml conformance\n- id: a\n  fn: clamp\n  args: [1]\n  expect: 1\n  requirements: [R-oen]\n- id: b\n  fn: clmap\n  args: [1]\n  expect: 1\n- id: c\n  fn: clamp\n  args: [1]\n  expect: 1\n  hiden: true\n${F}\n`;
    expect(messages(spec)).toEqual([
      '12: case `a` references requirement `R-oen`, which the spec does not define; did you mean `R-one`?',
      '14: case `b` calls `clmap`, which is not declared; did you mean `clamp`?',
      '21: case: unknown key `hiden`; did you mean `hidden`?',
    ]);
  });

  it('lists the declared names when nothing is close', () => {
    const spec = `# x\n\n### clamp(a: number) -> number\n\n${F}yaml conformance fn=zzz\n- id: a\n  args: [1]\n  expect: 1\n${F}\n`;
    expect(messages(spec)).toEqual(['6: case `a` calls `zzz`, which is not declared; declared: `clamp`']);
  });
});

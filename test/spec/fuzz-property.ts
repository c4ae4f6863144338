// The parser fuzz property, shared by the default tier (test/spec/fuzz.test.ts, a small seeded
// budget) and the integration tier (test/integration/spec-fuzz.test.ts, GHOST_FUZZ_RUNS).
// Inputs are Markdown/YAML-ish documents built from the pieces specs are made of, in the
// layouts that broke the old redactor (containers, tildes, upper case, CRLF, HTML comments),
// plus hostile pieces (deep brackets, aliases, stray fences). Every case id is a unique token,
// so "no hidden case reaches the visible source" is a plain substring check.
import fc from 'fast-check';
import { expect } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { parseSpec, visibleSpec } from '../../src/spec/index.js';
import { UserError } from '../../src/util/errors.js';

const CASE = '\u0000CASE\u0000';

const prefix = fc.constantFrom('', '', '', '> ', '- ', '  ', '1. ', '     ', '>> ', '   ');
const fence = fc.constantFrom('```', '~~~', '````', '``', '   ```');
const info = fc.constantFrom(
  'yaml conformance fn=f',
  'yaml conformance fn=f',
  'yaml conformance fn=f hidden',
  'YAML conformance fn=f hidden',
  'yml conformance hidden fn=f',
  'yaml interface',
  'example hidden',
  'example',
  'text',
  '',
  'yaml conformance fn=f hidden note=`x`',
);
const caseItem = fc.constantFrom(
  `- id: ${CASE}\n  args: [1]\n  expect: 2`,
  `- id: ${CASE}\n  args: [1]\n  expect: 3\n  hidden: true`,
  `# note\n- id: ${CASE}\n  args: [1]\n  expect: 4\n  hidden: false`,
  `- {id: ${CASE}, args: [1], expect: 5, hidden: true}`,
  `- id: ${CASE}\n  args: [1]\n  expect: &a 6\n  hidden: &h true`,
  `- id: ${CASE}\n  args: [1]\n  expect: 7\n  hidden: *h`,
);
const yamlLine = fc.oneof(
  { weight: 12, arbitrary: caseItem },
  { weight: 1, arbitrary: fc.constantFrom('    ```', '$ f 1', '~~~', '<!--') },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 120 }).map((n) => `- id: deep\n  args: [${'['.repeat(n)}${']'.repeat(n)}]`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const block = fc
  .tuple(prefix, fence, info, fc.array(yamlLine, { maxLength: 4 }), fc.boolean())
  .map(([p, f, i, body, closed]) =>
    [`${f}${i}`, ...body.flatMap((l) => l.split('\n')), ...(closed ? [f.trim()] : [])]
      .map((l, k) => (k === 0 ? p : p.replace(/[-\d.]/g, ' ')) + l)
      .join('\n'),
  );
const prose = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Some prose. It MUST hold.',
      '<!--',
      '-->',
      '<!-- ``` -->',
      '## f(x: integer) -> integer',
      '### Section',
      '- item',
      '> quote',
      '',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => '  '.repeat(n) + '- deep') },
);
export const docArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof({ weight: 2, arbitrary: block }, { weight: 1, arbitrary: prose }), { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([front, parts, eol]) => {
    let n = 0;
    const body = ['# fuzz', '', '## f(x: integer) -> integer', '', ...parts]
      .join('\n')
      .split(CASE)
      .reduce((a, b) => `${a}tok${++n}q${b}`);
    return ((front ? '---\nname: fuzz\n---\n\n' : '') + body).replace(/\r?\n/g, eol);
  });

/** parseSpec never throws anything but a UserError; a hidden case's id reaches neither the visible source nor the plan. */
export function checkParserProperty(runs: number, seed: number): void {
  fc.assert(
    fc.property(docArb, (source) => {
      let result: ReturnType<typeof parseSpec>;
      try {
        result = parseSpec(source, 'fuzz.md');
      } catch (e) {
        if (e instanceof UserError) return;
        throw e;
      }
      const { spec } = result;
      const visible = visibleSpec(spec, source).source;
      const plan = JSON.stringify(makePlan(spec, { language: 'python' }));
      for (const c of spec.cases.filter((x) => x.hidden && /^tok\d+q$/.test(x.id))) {
        expect(visible, `hidden case ${c.id} in the visible source`).not.toContain(c.id);
        expect(plan, `hidden case ${c.id} in the plan`).not.toContain(c.id);
      }
    }),
    { numRuns: runs, seed },
  );
}

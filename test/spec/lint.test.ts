import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintSpec, loadSpec, parseSpec, proseExamples } from '../../src/spec/index.js';

const FIXTURE = 'fixtures/fuzz/lint.md';

describe('lintSpec (ghost check --strict)', () => {
  it('flags functions whose cases never expect an error, at the declaration', async () => {
    const { spec } = await loadSpec(FIXTURE);
    const found = lintSpec(spec, readFileSync(FIXTURE, 'utf8')).filter((d) => d.rule === 'no-error-case');
    expect(found.map((d) => `${d.line}:${d.column} ${d.message.split(' has')[0]}`)).toEqual([
      '11:1 function `shout`',
      '28:5 function `half`',
    ]);
  });

  it('flags prose examples that contradict a case, in spans and after them', async () => {
    const { spec } = await loadSpec(FIXTURE);
    const found = lintSpec(spec, readFileSync(FIXTURE, 'utf8')).filter((d) => d.rule === 'example-contradicts-case');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ line: 13, column: 61, severity: 'warning' });
    expect(found[0]!.message).toContain('shout("ok") → "OK", but case `shout-ok`');
    expect(found[1]).toMatchObject({ line: 34, column: 1 });
    expect(found[1]!.message).toContain('half(3) → error OddNumber, but case `half-3`');
  });

  it('reads examples in code blocks but never in case blocks, and agrees when they agree', async () => {
    const { spec } = await loadSpec(FIXTURE);
    const examples = proseExamples(spec, readFileSync(FIXTURE, 'utf8'));
    expect(examples.map((e) => `${e.line} ${e.fn}(${JSON.stringify(e.args)})`)).toEqual([
      '13 shout(["hi"])',
      '13 shout(["ok"])',
      '16 shout(["a"])',
      '34 half([3])',
      '34 half([4])',
    ]);
  });

  it('leaves total functions (an interface block listing no errors) alone', () => {
    const source = [
      '# t',
      '',
      '```yaml interface',
      'functions:',
      '  id:',
      '    params: [{ name: x, type: integer }]',
      '    returns: { type: integer }',
      '```',
      '',
      '```yaml conformance',
      '- { id: id-1, fn: id, args: [1], expect: 1 }',
      '```',
      '',
    ].join('\n');
    const { spec } = parseSpec(source, 't.md');
    expect(lintSpec(spec, source)).toEqual([]);
  });

  it('knows code and case blocks by the parser, in blockquotes and lists too', () => {
    // A line scanner took `> ```` for prose: it missed the quoted code example and read the
    // comment inside the quoted case block as an example.
    const source = [
      '# t',
      '',
      '### shout(text: string) -> string',
      '',
      '> ```text',
      '> shout("z") -> "nope"',
      '> ```',
      '',
      '> ```yaml conformance',
      '> # `shout("y") → "wrong"`',
      '> - { id: shout-y, fn: shout, args: [y], expect: "Y!" }',
      '> - { id: shout-z, fn: shout, args: [z], expect: "Z!" }',
      '> ```',
      '',
      '- ```yaml conformance',
      '  # `shout("x") → "wrong"`',
      '  - { id: shout-x, fn: shout, args: [x], expect: "X!" }',
      '  ```',
      '',
    ].join('\n');
    const { spec } = parseSpec(source, 't.md');
    expect(proseExamples(spec, source).map((e) => `${e.line} ${e.fn}(${JSON.stringify(e.args)})`)).toEqual([
      '6 shout(["z"])',
    ]);
    expect(lintSpec(spec, source).map((d) => `${d.line} ${d.rule}`)).toEqual([
      '3 no-error-case',
      '6 example-contradicts-case',
    ]);
  });
});

// yaml-fast.ts must agree with the `yaml` library on values and on every position a finding
// can ask for, or decline (undefined) so the library reads the block. Every block we ship is
// compared in test/integration/spec/yaml-fast.test.ts (seconds).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastScalar, fastYaml } from '../../src/spec/yaml-fast.js';
import { agree } from './yaml-agree.js';

const ACCEPTED = [
  '- id: a\n  fn: f\n  args: ["x", 0, -1.5, 1e-9, true, null]\n  expect: "y: z"\n',
  "- id: b\n  args: [a b, 0o17, 0x1F, .inf, -.inf, 017, 1.0, +3, ~, Null, TRUE]\n  expect: it's plain\n",
  '- {id: c}\n'.replace('- {id: c}', '- id: c') + "  expect: 'it''s'\n  note:   spaced  \n",
  'functions:\n  parse:\n    params:\n    - name: text\n      type: string\n    returns: object\n',
  'a:\n  - 1\n  - two\nb: []\n',
  '-   id: wide\n    expect: 2001-12-14\n\n\n- id: x2\n  expect: "\\u00e9\\n"\n',
  '- id: a\n  expect: {b: 1}\n',
  'a: [1, [2]]\n',
  '- { id: f, args: [{ a: "1", "😀": b }, { sort: true }], expect: { x: [], y: {} }, compare: { tolerance: 1.0e-9 } }\n',
  "- { id: g, args: ['q''s', -0, +1, .5], error: Bad }\n",
];
const DECLINED = [
  '- id: a # comment\n',
  'a: |\n  text\n',
  'a: &x 1\nb: *x\n',
  'a: !tag 1\n',
  'a: 1\na: 2\n',
  'a:\n',
  '- id: a\n  expect: {b:1}\n',
  'a: { b }\n',
  'a: [1, ]\n',
  'a: { __proto__: x }\n',
  'a: {b: 1, b: 2}\n',
  'a: [1]x\n',
  'a: [1,\n  2]\n',
  '- id: a\n  note: long\n    continued\n',
  'a: "x\\ty"\n'.replace('\\t', '\\x41'),
  '1: a\n',
  'true: a\n',
  '__proto__: a\n',
  'a:b\n',
  '- id: a\n  args: [a: b]\n',
  '---\na: 1\n',
  "a: 'x\n",
  '- - a\n',
  'a:\tb\n',
  '"a": 1\n',
  'a: 12345678901234567890\n',
];

describe('yaml fast path', () => {
  it.each(ACCEPTED)('reads %j like yaml', (text) => expect(agree(text)).toBe(true));
  it.each(DECLINED)('declines %j', (text) => expect(fastYaml(text)).toBeUndefined());

  it('agrees with yaml on random case lists with tricky scalars', () => {
    const scalars = [
      'a',
      'yes',
      'No',
      '1e3',
      '1.0e-9',
      '-',
      '"-"',
      '0x1F',
      '0o17',
      '017',
      '"a: b"',
      "'q''s'",
      'null',
      '~',
      '.5',
      '+1',
      '-0',
      '1_000',
      '2020-01-01',
      '1:20',
      '@x',
      'a b',
      'TRUE',
      'tRue',
      '.NaN',
      '-.Inf',
      '"\\u00e9"',
      "''",
      '""',
      'a,b',
      'x]',
      'c:',
      '?q',
      '*a',
      '!t',
      '|',
      '1.',
      '.',
      '+.5e+3',
      '😀',
    ];
    let seed = 1;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const flowText = (d: number): string => {
      const k = rand(4);
      if (d > 2 || k === 0) return scalars[rand(scalars.length)]!;
      if (k === 1) return `[${Array.from({ length: rand(4) }, () => flowText(d + 1)).join(', ')}]`;
      return `{ ${Array.from({ length: rand(3) }, (_, i) => `k${i}: ${flowText(d + 1)}`).join(', ')} }`;
    };
    for (let n = 0; n < 400; n++) {
      const lines: string[] = [];
      for (let c = 0; c < 1 + rand(3); c++) {
        lines.push(`- id: c${c}`);
        for (const key of ['fn', 'args', 'expect', 'note'].slice(0, 1 + rand(4)))
          lines.push(`  ${key}: ${flowText(0)}`);
      }
      const text = `${lines.join('\n')}\n`;
      if (fastYaml(text)) agree(text);
    }
  });

  it('reads signature defaults like yaml', () => {
    for (const text of ['1', '"-"', "'a'", '[]', '{}', '[1, 2]', 'null', '0.5', 'abc', '-3', '{ a: 1 }'])
      expect(fastScalar(text)?.value).toEqual(parse(text));
    expect(fastScalar('a # b')).toBeUndefined();
  });
});

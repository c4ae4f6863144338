import { describe, expect, it } from 'vitest';
import { parseSpec, type CallCase, type CommandCase } from '../../src/spec/index.js';

const head = '---\nname: t\nversion: 1.0.0\n---\n\n# t\n\n';

describe('call cases', () => {
  it('resolves named args to positional, fills skipped defaults, collects an options bag', () => {
    const md = `${head}\`\`\`yaml interface
functions:
  pad:
    params:
      - { name: text, type: string }
      - { name: width, type: integer, default: 0 }
      - { name: options, type: object, optional: true }
    returns: string
    errors: [Bad]
\`\`\`

\`\`\`yaml conformance fn=pad
- { id: a, args: { text: x, options: { fill: "-" } }, expect: x }
- { id: b, args: { text: x, fill: "-", align: left }, expect: x }
- { id: c, args: [x, 2], expect: "x ", compare: { tolerance: 0.5 } }
- { id: d, args: [x], error: Bad, hidden: true }
- { id: e, args: [x, null], error: true }
\`\`\`
`;
    const { spec, diagnostics } = parseSpec(md, 't.md');
    expect(diagnostics).toEqual([]);
    const cases = spec.cases as CallCase[];
    expect(cases.map((c) => c.args)).toEqual([
      ['x', 0, { fill: '-' }],
      ['x', 0, { fill: '-', align: 'left' }],
      ['x', 2],
      ['x'],
      ['x', null],
    ]);
    expect(cases[2]?.compare).toEqual({ mode: 'tolerance', tolerance: 0.5 });
    expect(cases[3]?.expect).toEqual({ kind: 'error', errorKind: 'Bad' });
    expect(cases[3]?.hidden).toBe(true);
    expect(cases[4]?.expect).toEqual({ kind: 'error' });
    expect(spec.functions[0]?.errors).toEqual(['Bad']);
  });

  it('lets an interface block win over a heading, keeping the heading’s section', () => {
    const md = `${head}## API\n\n### neg(x) -> number\n\n\`\`\`yaml interface\nfunctions:\n  neg:\n    params: [{ name: x, type: number }]\n    returns: number\n\`\`\`\n\n\`\`\`yaml conformance\n- { id: n, fn: neg, args: ["1"], expect: -1 }\n\`\`\`\n`;
    const { spec, diagnostics } = parseSpec(md, 't.md');
    expect(spec.functions).toHaveLength(1);
    expect(spec.functions[0]?.origin).toBe('block');
    expect(spec.functions[0]?.section).toBe('negx---number');
    expect(diagnostics.map((d) => d.rule)).toEqual(['arguments']);
  });

  it('treats null as a value and `name` with spaces as a slugified id', () => {
    const md = `${head}### f(x)\n\n\`\`\`yaml conformance fn=f\n- { name: Null is a value, args: [1], expect: null }\n\`\`\`\n`;
    const { spec } = parseSpec(md, 't.md');
    expect(spec.cases[0]?.id).toBe('null-is-a-value');
    expect((spec.cases[0] as CallCase).expect).toEqual({ kind: 'value', value: null });
  });

  it('accepts $ghost-tagged values where numbers are declared', () => {
    const md = `${head}### f(x: number) -> number\n\n\`\`\`yaml conformance fn=f\n- { id: nan, args: [{ $ghost: nan }], expect: { $ghost: nan } }\n\`\`\`\n`;
    expect(parseSpec(md, 't.md').diagnostics).toEqual([]);
  });
});

describe('command cases', () => {
  it('reads YAML command cases and example blocks', () => {
    const md = `${head}\`\`\`yaml conformance hidden
- { id: lines, argv: [--lines], stdin: "a\\nb\\n", stdout: "2\\n", stderr_contains: warn }
\`\`\`

\`\`\`example id=words exit=1
$ wc --words "two words" 'single quoted'
one two
.
2
\`\`\`
`;
    const { spec, diagnostics } = parseSpec(md, 't.md');
    expect(diagnostics).toEqual([]);
    const [a, b] = spec.cases as CommandCase[];
    expect(a).toMatchObject({
      kind: 'command',
      hidden: true,
      argv: ['--lines'],
      stdin: 'a\nb\n',
      expect: { exitCode: 0, stdout: '2\n', stderrContains: 'warn' },
    });
    expect(b).toMatchObject({
      id: 'words',
      hidden: false,
      argv: ['--words', 'two words', 'single quoted'],
      stdin: 'one two\n',
      expect: { exitCode: 1, stdout: '2\n' },
    });
  });
});

describe('imported case files', () => {
  const files: Record<string, string> = {
    'dir/native.yaml': 'hidden: true\ncases:\n  - { id: n1, fn: neg, args: [1], expect: -1 }\n',
    'dir/tests.yaml': 'neg:\n  - name: bare\n    input: 2\n    output: -2\n',
    'dir/list.yml': '- { id: l1, fn: neg, args: { x: 3 }, expect: -3 }\n',
  };
  const read = (p: string) => files[p];

  it('reads both layouts, and discovers tests.yaml when there is no front matter', () => {
    const { spec, diagnostics } = parseSpec('# Neg\n\n### neg(x)\n', 'dir/SPEC.md', { readFile: read });
    expect(diagnostics.map((d) => d.rule)).toEqual(['no-front-matter']);
    expect(spec.meta.tests).toEqual(['tests.yaml']);
    expect(spec.cases.map((c) => [c.id, (c as CallCase).args])).toEqual([['neg/bare', [2]]]);
    expect(spec.cases[0]?.location).toEqual({ file: 'dir/tests.yaml', start: { line: 2, column: 5 } });
  });

  it('imports front matter `tests:` and --tests files', () => {
    const md = '---\nname: neg\ntests: [native.yaml]\n---\n\n# Neg\n\n### neg(x)\n';
    const { spec } = parseSpec(md, 'dir/SPEC.md', { readFile: read, tests: ['dir/list.yml'] });
    expect(spec.meta.tests).toEqual(['native.yaml', 'list.yml']);
    expect(spec.cases.map((c) => [c.id, c.hidden])).toEqual([
      ['n1', true],
      ['l1', false],
    ]);
    expect(spec.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

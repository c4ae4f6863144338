// `ghost plan`, in-process through main(): exit codes, text and JSON output, --out, --tests.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { validatePlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/index.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'ghost-plan-'));

describe('ghost plan', () => {
  it('prints a schema-valid JSON plan, byte-identical on every run', async () => {
    const a = await run('plan', 'specs/slugify.md', '--json');
    expect(a.code).toBe(0);
    const plan = JSON.parse(a.out) as Plan;
    expect(await validatePlan(plan)).toEqual([]);
    expect(plan.tasks[0]!.id).toBe('01-scaffold');
    expect(plan.tasks.at(-1)!.kind).toBe('integration');
    expect((await run('plan', 'specs/slugify.md', '--json')).out).toBe(a.out);
  });

  it('validates the plan of every spec in specs/ and leaks no hidden case id', async () => {
    for (const name of ['slugify', 'semver', 'roman', 'duration', 'querystring', 'textstat']) {
      const file = `specs/${name}.md`;
      const r = await run('plan', file, '--json', '--lang', 'python');
      expect(r.code, file).toBe(0);
      const plan = JSON.parse(r.out) as Plan;
      expect(await validatePlan(plan), file).toEqual([]);
      const { spec } = await loadSpec(file);
      const hidden = spec.cases.filter((c) => c.hidden);
      expect(plan.cases.hidden).toBe(hidden.length);
      for (const c of hidden) expect(r.out, `${file}: ${c.id}`).not.toContain(JSON.stringify(c.id));
      expect(r.out).not.toContain(process.cwd());
    }
  });

  it('rejects an unknown --lang with exit 2 and a suggestion', async () => {
    const r = await run('plan', 'specs/slugify.md', '--lang', 'cobol');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ghost: --lang: unknown language "cobol"; known languages: /);
    expect((await run('plan', 'specs/slugify.md', '--lang', 'typescrpit')).err).toContain('did you mean "typescript"?');
  });

  it('prints a readable task list', async () => {
    const r = await run('plan', 'specs/slugify.md');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^slugify 1\.0\.0: \d+ tasks, \d+ visible cases \(\+\d+ hidden\), acceptance by conformance/);
    expect(r.out).toContain('01-scaffold');
    expect(r.out).toContain('functions: slugify');
    expect(r.out).toMatch(/plan [0-9a-f]{16}\n$/);
  });

  it('plans a long prose spec for review, with a warning', async () => {
    const r = await run('plan', 'fixtures/prose/service-spec.md', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.acceptance).toBe('review');
    expect(plan.shape).toBe('prose');
    expect(plan.warnings).toContain('the spec has no conformance cases: acceptance will rest on review alone');
    const groups = plan.tasks.filter((t) => t.kind === 'section').length;
    expect(groups).toBeGreaterThanOrEqual(5);
    expect(groups).toBeLessThanOrEqual(20);
    expect(await validatePlan(plan)).toEqual([]);
    const text = await run('plan', 'fixtures/prose/service-spec.md');
    expect(text.out).toContain('warning: the spec has no conformance cases');
  });

  it('writes the same JSON to --out', async () => {
    const file = join(tmp(), 'plan.json');
    const r = await run('plan', 'specs/roman.md', '--lang', 'ts', '--out', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('01-scaffold');
    const json = await run('plan', 'specs/roman.md', '--lang', 'ts', '--json');
    expect(readFileSync(file, 'utf8')).toBe(json.out);
    expect((JSON.parse(json.out) as Plan).language).toBe('typescript');
  });

  it('imports cases with --tests', async () => {
    const dir = tmp();
    const spec = join(dir, 'spec.md');
    writeFileSync(spec, '# shout\n\n## shout(text: string) -> string\n\nUpper-cases the text. It MUST keep spaces.\n');
    const cases = join(dir, 'cases.yaml');
    writeFileSync(cases, 'shout:\n  - name: basic\n    input: hi there\n    output: HI THERE\n');
    const r = await run('plan', spec, '--tests', cases, '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.cases.visible).toBe(1);
    expect(plan.tasks.find((t) => t.functions.includes('shout') && t.kind === 'function')!.cases).toEqual([
      'shout/basic',
    ]);
    expect(r.out).not.toContain(dir);
  });

  it('carries shared rules into function tasks, numbers headings as written, shows invisible characters', async () => {
    const dir = tmp();
    const spec = join(dir, 'spec.md');
    writeFileSync(
      spec,
      [
        '# trim',
        '',
        '## 1. Conventions',
        '',
        'Whitespace is U+0020 only; U+FEFF is not whitespace.',
        '',
        '## 2. trim(text: string) -> string',
        '',
        'Removes whitespace (§1) at both ends.',
        '',
        '```yaml conformance',
        '- { id: bom-kept, fn: trim, args: ["\uFEFF a "], expect: "\uFEFF a" }',
        '```',
        '',
      ].join('\n'),
    );
    const r = await run('plan', spec, '--json');
    expect(r.code).toBe(0);
    const fnTask = (JSON.parse(r.out) as Plan).tasks.find((t) => t.kind === 'function')!;
    expect(fnTask.id).toBe('02-fn-trim');
    expect(fnTask.text).toContain('## Shared rules');
    expect(fnTask.text).toContain('### 1. Conventions\n\nWhitespace is U+0020 only');
    expect(fnTask.text).toContain('- `bom-kept`: trim("\\ufeff a ") → "\\ufeff a"');
    expect(fnTask.text).not.toContain('\uFEFF');
  });

  it("changes only the edited function's task hash on a real spec", async () => {
    const dir = tmp();
    const edited = join(dir, 'semver.md');
    const source = readFileSync('specs/semver.md', 'utf8');
    const sentence = 'It MUST return exactly one of these three integers.';
    expect(source).toContain(sentence);
    writeFileSync(
      edited,
      source.replace(sentence, 'It MUST return exactly one of these three integers, never a boolean.'),
    );
    const before = JSON.parse((await run('plan', 'specs/semver.md', '--json')).out) as Plan;
    const after = JSON.parse((await run('plan', edited, '--json')).out) as Plan;
    expect(after.tasks.map((t) => t.id)).toEqual(before.tasks.map((t) => t.id));
    const changed = after.tasks.filter((t, i) => t.hash !== before.tasks[i]!.hash).map((t) => t.id);
    expect(changed).toEqual(['03-fn-compare']);
    expect(after.hash).not.toBe(before.hash);
  });

  it('prints diagnostics and exits 1 when the spec has errors', async () => {
    const dir = tmp();
    const spec = join(dir, 'bad.md');
    writeFileSync(
      spec,
      '# bad\n\n## f(x) -> string\n\n```yaml conformance\n- id: a\n  fn: nope\n  args: [1]\n  expect: 1\n```\n',
    );
    const r = await run('plan', spec, '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('[unknown-function]');
    expect(r.err).toContain('no plan made');
  });

  it('exits 2 for a missing file and shows examples in --help', async () => {
    const missing = await run('plan', 'no/such/spec.md');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    const help = await run('plan', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Examples:');
    expect(help.out).toContain('--lang <language>');
  });
});

// Shared rule sections: which function tasks carry which general sections, how they read, and
// how their edits move task hashes. A hand-built spec first, then the real specs in specs/.
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { indexSections } from '../../src/plan/sections.js';
import { referenceFinder } from '../../src/plan/shared.js';
import type { Plan, Task } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/index.js';
import type { Section, Spec } from '../../src/spec/types.js';
import { buildSpec, call, fn, type Outline } from './builder.js';

interface Edits {
  conventions?: string;
  units?: string;
}

/**
 * `measure` refers to §3 (Units); `convert` links to Rounding, which refers to §3 in turn;
 * `label` refers to nothing; `label` and `convert` cases check the Limits rule. Conventions
 * (with its Whitespace sub-section) is general by title.
 */
function unitSpec(edit: Edits = {}): Spec {
  const outline: Outline[] = [
    { depth: 1, title: 'units', text: 'Unit helpers.' },
    {
      depth: 2,
      title: '1. Conventions',
      text:
        (edit.conventions ?? 'Every function MUST be pure.') +
        '\n\n```yaml conformance hidden\n- id: conventions-secret\n  fn: label\n  args: ["SECRET-CONV"]\n  expect: x\n```',
    },
    { depth: 3, title: 'Whitespace', text: 'Whitespace is U+0020 only.' },
    { depth: 2, title: '2. Overview', text: 'Three functions. Not a rule section.' },
    { depth: 2, title: '3. Units', text: edit.units ?? '| unit | seconds |\n|---|---|\n| h | 3600 |' },
    { depth: 2, title: 'Rounding', text: 'Round half up; unit sizes are in §3.' },
    { depth: 2, title: 'Limits', text: 'Inputs MUST be below 10^9 [R-limit].' },
    { depth: 2, title: '4. Functions' },
    { depth: 3, title: 'measure(text)', text: 'Reads a duration in the units of §3 (not RFC 9110 §2).' },
    { depth: 3, title: 'convert(text)', text: 'Converts; see [the rounding rule](#rounding).' },
    { depth: 3, title: 'label(text)', text: 'Names a unit. It is built on §4.1 of this spec? No: on nothing.' },
  ];
  return buildSpec({
    name: 'units',
    outline,
    functions: [fn('measure', 'measuretext'), fn('convert', 'converttext'), fn('label', 'labeltext')],
    cases: [
      call('m1', 'measure', ['1h'], 3600, { section: 'measuretext' }),
      call('c1', 'convert', ['1h'], 1, { section: 'converttext', requirements: ['R-limit'] }),
      call('l1', 'label', ['h'], 'hour', { section: 'labeltext', requirements: ['R-limit'] }),
    ],
  });
}

const task = (plan: Plan, name: string): Task =>
  plan.tasks.find((t) => t.functions.includes(name) && t.kind === 'function')!;

/** Ids of the tasks whose hash differs between two plans with the same task ids. */
function changed(a: Plan, b: Plan): string[] {
  expect(b.tasks.map((t) => t.id)).toEqual(a.tasks.map((t) => t.id));
  return a.tasks.filter((t, i) => t.hash !== b.tasks[i]!.hash).map((t) => t.id);
}

describe('shared rule sections (hand-built spec)', () => {
  const plan = makePlan(unitSpec());

  it('gives every function task the general sections, with their sub-sections', () => {
    for (const name of ['measure', 'convert', 'label']) {
      expect(task(plan, name).sections).toEqual(expect.arrayContaining(['1-conventions', 'whitespace']));
    }
  });

  it('gives a task the sections its prose refers to, one level further, and what its cases check', () => {
    // §3 directly; `RFC 9110 §2` is not a reference to this spec's §2 (Overview).
    expect(task(plan, 'measure').sections).toEqual(['measuretext', '1-conventions', 'whitespace', '3-units', 'limits']);
    // the link to #rounding, then Rounding's own §3
    expect(task(plan, 'convert').sections).toEqual([
      'converttext',
      '1-conventions',
      'whitespace',
      '3-units',
      'rounding',
      'limits',
    ]);
    // Limits is checked by two tasks' cases: general, so measure carries it too; §4.1 resolves to nothing
    expect(task(plan, 'label').sections).toEqual(['labeltext', '1-conventions', 'whitespace', 'limits']);
    expect(task(plan, 'label').requirements).toContain('R-limit');
    for (const t of plan.tasks.filter((x) => x.kind === 'function')) expect(t.sections).not.toContain('2-overview');
  });

  it('keeps the shared sections in the integration task too', () => {
    expect(plan.tasks.at(-1)!.sections).toEqual(
      expect.arrayContaining(['1-conventions', 'whitespace', '3-units', 'rounding', 'limits', '2-overview']),
    );
  });

  it('renders them after the function\'s own text, under "Shared rules", without case blocks', () => {
    const text = task(plan, 'convert').text;
    const at = (s: string) => text.indexOf(s);
    expect(at('## Spec text')).toBeLessThan(at('## Shared rules'));
    expect(at('## Shared rules')).toBeLessThan(at('### 1. Conventions'));
    expect(at('### 1. Conventions')).toBeLessThan(at('#### Whitespace'));
    expect(at('#### Whitespace')).toBeLessThan(at('### 3. Units'));
    expect(at('### Rounding')).toBeLessThan(at('## Requirements'));
    expect(text).toContain('| h | 3600 |');
    expect(JSON.stringify(plan)).not.toMatch(/conventions-secret|SECRET-CONV/);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(makePlan(unitSpec()))).toBe(JSON.stringify(plan));
  });

  it('changes the hash of exactly the tasks that carry an edited shared section, and integration', () => {
    const ids = (names: string[]) =>
      plan.tasks.filter((t) => names.some((n) => t.functions.includes(n) && t.kind === 'function')).map((t) => t.id);
    const integration = plan.tasks.at(-1)!.id;
    expect(changed(plan, makePlan(unitSpec({ units: '| unit | seconds |\n|---|---|\n| h | 3601 |' })))).toEqual(
      [...ids(['measure', 'convert']), integration].sort(),
    );
    expect(changed(plan, makePlan(unitSpec({ conventions: 'Every function MUST be pure and total.' })))).toEqual(
      [...ids(['measure', 'convert', 'label']), integration].sort(),
    );
  });

  it('does not take a definition of done or a test plan for a rule section', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: 'Definitions', text: 'A word is a run of letters.' },
        { depth: 2, title: 'f(s)', text: 'Counts words.' },
        { depth: 2, title: 'Definition of done', text: 'All cases pass.' },
        { depth: 2, title: 'Error types: test plan', text: 'Try every error.' },
      ],
      functions: [fn('f', 'fs')],
    });
    expect(makePlan(spec).tasks[1]!.sections).toEqual(['fs', 'definitions']);
  });

  it("turns a reference into another task's own section into a dependency", () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: '1. encode(s)', text: 'Encodes.' },
        { depth: 2, title: '2. decode(s)', text: 'The inverse of §1.' },
        { depth: 2, title: '3. Versions', text: 'A section named like a parameter.' },
        { depth: 3, title: 'check(s)', text: 'Checks.' },
        { depth: 2, title: 'peek(versions)', text: 'Reads `Versions`: a title in code is no dependency.' },
      ],
      functions: [
        fn('decode', '2-decodes'),
        fn('encode', '1-encodes'),
        fn('check', 'checks'),
        fn('peek', 'peekversions'),
      ],
    });
    const p = makePlan(spec);
    expect(p.tasks.map((t) => t.id)).toEqual([
      '01-scaffold',
      '02-fn-encode',
      '03-fn-decode',
      '04-fn-check',
      '05-fn-peek',
      '06-integration',
    ]);
    expect(p.tasks[2]!.dependsOn).toEqual(['01-scaffold', '02-fn-encode']);
    expect(p.tasks[4]!.dependsOn).toEqual(['01-scaffold']);
    // …but it does bring the (unowned) section's own text as a shared rule
    expect(p.tasks[4]!.sections).toEqual(['peekversions', '3-versions']);
  });
});

describe('referenceFinder', () => {
  const spec = unitSpec();
  const find = referenceFinder(indexSections(spec.sections));
  const slugs = (text: string) => {
    const r = find(text);
    return { explicit: r.explicit.map((s: Section) => s.slug), named: r.named.map((s: Section) => s.slug) };
  };

  it('resolves numbers, sections, links and titles in code, quotes and emphasis', () => {
    expect(slugs('As in §3, Section 1 and [here](#rounding).')).toEqual({
      explicit: ['3-units', '1-conventions', 'rounding'],
      named: [],
    });
    expect(slugs('See `Rounding`, "Limits", *Conventions* and _Whitespace_.').named).toEqual([
      'rounding',
      'limits',
      '1-conventions',
      'whitespace',
    ]);
    expect(slugs('[r]: #limits').explicit).toEqual(['limits']);
  });

  it('ignores other documents, unknown numbers and titles in a different case', () => {
    expect(slugs('RFC 3986 §3, RFC 9110, §2 of it aside; §9; `rounding`; *limits*')).toEqual({
      explicit: [],
      named: [],
    });
  });
});

describe('shared rule sections (real specs)', () => {
  const plan = async (file: string) => {
    const { spec } = await loadSpec(file);
    const index = indexSections(spec.sections);
    const slug = (title: string) => index.ordered.find((s) => s.title === title)!.slug;
    const fns = makePlan(spec).tasks.filter((t) => t.kind === 'function');
    return { slug, fns };
  };

  it('slugify and querystring: every function task carries 1. Conventions', async () => {
    for (const file of ['specs/slugify.md', 'specs/querystring.md']) {
      const { slug, fns } = await plan(file);
      expect(fns.length, file).toBe(4);
      for (const t of fns) {
        expect(t.sections, `${file} ${t.id}`).toContain(slug('Conventions'));
        expect(t.text).toMatch(/## Shared rules\n\n[^\n]+\n\n### 1\. Conventions\n/);
      }
    }
    const { fns } = await plan('specs/slugify.md');
    // the whitespace table reaches word_count, whose prose says "as defined in §1"
    expect(fns.find((t) => t.id.endsWith('fn-word_count'))!.text).toContain('| U+3000 | ideographic space |');
  });

  it('semver: every function task carries Errors', async () => {
    const { slug, fns } = await plan('specs/semver.md');
    for (const t of fns) expect(t.sections).toContain(slug('Errors'));
    expect(fns.map((t) => t.id)).toEqual([
      '02-fn-parse',
      '03-fn-compare',
      '04-fn-sort',
      '05-fn-satisfies',
      '06-fn-max_satisfying',
    ]);
  });

  it('duration: Rounding and the error kinds reach every function task', async () => {
    const { slug, fns } = await plan('specs/duration.md');
    for (const t of fns) {
      expect(t.sections).toEqual(expect.arrayContaining([slug('Rounding'), slug('Interface')]));
      expect(t.requirements).toEqual(expect.arrayContaining(['R-half-up', 'R-error-kinds']));
    }
    expect(fns.every((t) => !t.sections.includes(slug('Overview')))).toBe(true);
  });

  it('roman: no section is shared, the plan keeps its shape', async () => {
    const { fns } = await plan('specs/roman.md');
    expect(fns.map((t) => [t.id, t.title])).toEqual([
      ['02-fn-to_roman', 'Implement to_roman'],
      ['03-fn-from_roman', 'Implement from_roman'],
    ]);
    for (const t of fns) expect(t.text).not.toContain('## Shared rules');
  });
});

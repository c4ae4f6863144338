import { describe, expect, it } from 'vitest';
import { makePlan, specShape, validatePlan } from '../../src/plan/index.js';
import { buildSpec, call, fn } from './builder.js';
import { cliSpec, librarySpec } from './fixtures.js';

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('makePlan', () => {
  it('is byte-identical for the same spec, built twice', () => {
    expect(json(makePlan(librarySpec(), { language: 'python' }))).toBe(
      json(makePlan(librarySpec(), { language: 'python' })),
    );
    expect(json(makePlan(cliSpec()))).toBe(json(makePlan(cliSpec())));
  });

  it('plans scaffold, one task per function, integration, in order', () => {
    const plan = makePlan(librarySpec());
    expect(plan.tasks.map((t) => t.id)).toEqual([
      '01-scaffold',
      '02-fn-parse',
      '03-fn-format',
      '04-fn-compare',
      '05-integration',
    ]);
    expect(plan.shape).toBe('functions');
    expect(plan.acceptance).toBe('cases');
    expect(plan.cases).toEqual({ visible: 3, hidden: 1 });
  });

  it('gives a function task its sections (with sub-sections), shared rules, requirements and visible cases', () => {
    const parse = makePlan(librarySpec()).tasks[1]!;
    // `Error handling` is a general section: every function task carries it, after its own.
    expect(parse.sections).toEqual(['parsetext---object', 'parse-errors', 'error-handling']);
    expect(parse.requirements).toEqual(['R-parse-zeros', 'R-parse-errors-1', 'R-error-handling-1']);
    expect(parse.cases).toEqual(['parse-basic']);
    expect(parse.text).toContain('A bad version MUST raise `InvalidVersion`.');
  });

  it('makes every task depend on the scaffold and mentions into dependencies', () => {
    const plan = makePlan(librarySpec());
    for (const t of plan.tasks.slice(1)) expect(t.dependsOn).toContain('01-scaffold');
    expect(plan.tasks[2]!.dependsOn).toEqual(['01-scaffold', '02-fn-parse']);
    expect(plan.tasks[3]!.dependsOn).toEqual(['01-scaffold']);
    expect(plan.tasks[4]!.dependsOn).toEqual(plan.tasks.slice(0, 4).map((t) => t.id));
  });

  it('sends general sections and all visible cases to integration', () => {
    const last = makePlan(librarySpec()).tasks.at(-1)!;
    expect(last.kind).toBe('integration');
    expect(last.sections).toEqual(['semverish', 'overview', 'interface', 'error-handling']);
    expect(last.cases).toEqual(['parse-basic', 'format-basic', 'compare-lt']);
    expect(last.text).toContain('README.md');
  });

  it('never carries a hidden case, by id or content, anywhere in the plan', () => {
    const out = json(makePlan(librarySpec(), { language: 'ts' })) + json(makePlan(cliSpec()));
    for (const secret of [
      'secret-hidden-case',
      'SECRET-INPUT-9',
      'SECRET-OUTPUT-9',
      'compare-hidden-x',
      'HIDDEN-A',
      'HIDDEN-EXPECT',
      'bad-flag-hidden',
      'HIDDEN-FLAG',
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it('plans CLI-shaped specs by section group, with their command cases', () => {
    const plan = makePlan(cliSpec());
    expect(plan.shape).toBe('command');
    expect(plan.tasks.map((t) => t.kind)).toEqual(['scaffold', 'section', 'section', 'integration']);
    expect(plan.tasks[1]!.cases).toEqual(['lines']);
    expect(plan.tasks[0]!.text).toContain('"command"');
  });

  it('warns about functions without visible cases; an unknown language is a user error', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: 'a(s)' },
        { depth: 2, title: 'b(s)' },
      ],
      functions: [fn('a', 'as'), fn('b', 'bs')],
      cases: [call('a1', 'a', ['x'], 'y', { section: 'as' }), call('b-hidden', 'b', ['x'], 'y', { hidden: true })],
    });
    expect(() => makePlan(spec, { language: 'cobol' })).toThrow(
      /unknown language "cobol"; known languages: python, javascript/,
    );
    expect(() => makePlan(spec, { language: 'pyhton' })).toThrow('unknown language "pyhton" (did you mean "python"?)');
    const plan = makePlan(spec, { language: 'python' });
    expect(plan.warnings).toEqual(['function `b` has no visible cases; its task rests on prose alone']);
    expect(json(plan)).not.toContain('b-hidden');
  });

  it('normalises the language and names functions by its convention in ghost.json', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: 'parse_range(s)' },
      ],
      functions: [fn('parse_range', 'parse_ranges')],
    });
    const plan = makePlan(spec, { language: 'TS' });
    expect(plan.language).toBe('typescript');
    expect(plan.tasks[0]!.text).toContain('"names":{"parse_range":"parseRange"}');
  });

  it('has no absolute paths or timestamps', () => {
    const out = json(makePlan(librarySpec()));
    expect(out).not.toMatch(/\/work\/|\/tmp\/|\d{4}-\d{2}-\d{2}T/);
  });

  it('produces plans that match schemas/plan.schema.json', async () => {
    for (const plan of [makePlan(librarySpec(), { language: 'java' }), makePlan(cliSpec())]) {
      expect(await validatePlan(JSON.parse(json(plan)))).toEqual([]);
    }
  });

  it('detects the shape', () => {
    expect(specShape(librarySpec())).toBe('functions');
    expect(specShape(cliSpec())).toBe('command');
    expect(specShape(buildSpec({ outline: [{ depth: 1, title: 'p', text: 'It MUST work.' }] }))).toBe('prose');
  });
});

describe('task order', () => {
  it('lists every task after the tasks it depends on', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: 'a(s)', text: 'Built on `c`.' },
        { depth: 2, title: 'b(s)', text: 'Standalone.' },
        { depth: 2, title: 'c(s)', text: 'Built on `b`.' },
      ],
      functions: [fn('a', 'as'), fn('b', 'bs'), fn('c', 'cs')],
    });
    const plan = makePlan(spec);
    expect(plan.tasks.map((t) => t.id)).toEqual(['01-scaffold', '02-fn-b', '03-fn-c', '04-fn-a', '05-integration']);
    const seen = new Set<string>();
    for (const t of plan.tasks) {
      for (const d of t.dependsOn) expect(seen.has(d)).toBe(true);
      seen.add(t.id);
    }
  });
});

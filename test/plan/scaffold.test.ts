import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { conventionalName, findLanguage } from '../../src/languages/index.js';
import { buildSpec, fn } from './builder.js';
import { cliSpec, librarySpec } from './fixtures.js';

describe('languages', () => {
  it('normalises aliases; an unknown name is not a language', () => {
    expect(findLanguage(' PY ')?.id).toBe('python');
    expect(findLanguage('node')?.id).toBe('javascript');
    expect(findLanguage('cobol')).toBeUndefined();
  });

  it('converts names to the language convention', () => {
    expect(conventionalName('parse_range', 'java')).toBe('parseRange');
    expect(conventionalName('parseRange', 'python')).toBe('parse_range');
    expect(conventionalName('parse_range', 'go')).toBe('ParseRange');
    expect(conventionalName('parse_range', 'cobol')).toBe('parse_range');
  });
});

describe('scaffold task', () => {
  it('wires a library: layout, ghost.json, stubs and error kinds', () => {
    const spec = librarySpec();
    spec.functions[0]!.errors = ['InvalidVersion'];
    const text = makePlan(spec, { language: 'python' }).tasks[0]!.text;
    expect(text).toContain('Set up the project in Python');
    expect(text).toContain('{"language":"python","entry":"semverish.py","names":{}}');
    expect(text).toContain('- `compare(a: string, b: string) -> string`');
    expect(text).toContain('`InvalidVersion`');
  });

  it('wires a CLI-shaped spec through ghost.json command and build', () => {
    const plan = makePlan(cliSpec(), { language: 'java' });
    expect(plan.tasks[0]!.title).toBe('Scaffold the java project and conformance wiring');
    expect(plan.tasks[0]!.text).toContain(
      '{"language":"java","build":["javac","-d","out","Wc.java"],"command":["java","-cp","out","Wc"]}',
    );
    expect(plan.tasks[0]!.text).not.toContain('named export');
  });

  it('is generic without a language, and names the author’s targets', () => {
    const spec = buildSpec({
      outline: [
        { depth: 1, title: 'x' },
        { depth: 2, title: 'f(s)' },
      ],
      functions: [fn('f', 'fs')],
    });
    spec.meta.targets = ['python', 'java'];
    const text = makePlan(spec).tasks[0]!.text;
    expect(text).toContain("The spec's author expects: python, java.");
    expect(text).toContain('"language":"<language>"');
  });

  it('does not warn about drivers for a prose spec', () => {
    const spec = buildSpec({ outline: [{ depth: 1, title: 'svc', text: 'It MUST serve.' }] });
    const plan = makePlan(spec, { language: 'go' });
    expect(plan.warnings).toEqual(['the spec has no conformance cases: acceptance will rest on review alone']);
    expect(plan.tasks[0]!.title).toBe('Scaffold the go project');
  });
});

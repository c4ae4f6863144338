import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePlan, validatePlan } from '../../src/plan/index.js';
import type { Section } from '../../src/spec/types.js';
import { buildSpec, outlineOf } from './builder.js';

const FIXTURE = new URL('../../fixtures/prose/service-spec.md', import.meta.url);
const md = readFileSync(FIXTURE, 'utf8');

function proseSpec() {
  return buildSpec({ name: 'quay', version: '0.9.0', outline: outlineOf(md.replace(/^---[\s\S]*?\n---\n/, '')) });
}

describe('prose specs (no cases)', () => {
  const spec = proseSpec();
  const plan = makePlan(spec);

  it('uses a long, realistic fixture', () => {
    expect(md.split('\n').length).toBeGreaterThanOrEqual(2000);
    expect(spec.requirements.length).toBeGreaterThan(100);
  });

  it('plans by top-level section group, with review acceptance and a warning', () => {
    expect(plan.shape).toBe('prose');
    expect(plan.acceptance).toBe('review');
    expect(plan.warnings).toContain('the spec has no conformance cases: acceptance will rest on review alone');
    const groups = plan.tasks.filter((t) => t.kind === 'section');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    expect(groups.length).toBeLessThanOrEqual(20);
    expect(plan.tasks[0]!.kind).toBe('scaffold');
    expect(plan.tasks.at(-1)!.kind).toBe('integration');
  });

  it('places every section in exactly one task and every requirement in some task', () => {
    const carried = plan.tasks.flatMap((t) => t.sections);
    expect(new Set(carried).size).toBe(carried.length);
    const all = topSlugs(spec.sections).sort();
    expect([...carried].sort()).toEqual(all);
    const reqs = new Set(plan.tasks.flatMap((t) => t.requirements));
    for (const r of spec.requirements) expect(reqs.has(r.id)).toBe(true);
  });

  it('gives the test matrix and definition of done to the integration task', () => {
    const last = plan.tasks.at(-1)!;
    expect(last.sections).toEqual(
      expect.arrayContaining(['14-test-and-validation-matrix', '144-the-matrix', '15-definition-of-done']),
    );
    expect(last.text).toContain('acceptance rests on review alone');
    expect(last.text).toContain('T55');
  });

  it('keeps groups in document order and does not let a small section swallow a big neighbour', () => {
    const titles = plan.tasks.filter((t) => t.kind === 'section').map((t) => t.title);
    expect(titles).toContain('6. Scheduling and delivery');
    expect(titles).toContain('7. HTTP API');
  });

  it('is deterministic and schema-valid', async () => {
    expect(JSON.stringify(makePlan(proseSpec()))).toBe(JSON.stringify(plan));
    expect(await validatePlan(JSON.parse(JSON.stringify(plan)))).toEqual([]);
  });

  // How fast planning is: bench/spec-parse.ts (`npm run bench`), not a time limit here.
});

function topSlugs(list: readonly Section[]): string[] {
  return list.flatMap((s) => [s.slug, ...topSlugs(s.children)]);
}

// Hidden cases in every layout the parser accepts must stay out of everything an implementer
// reads: the spec snapshot and case files under .ghost/spec/, the plan, and the task prompts.
// Each fixture in fixtures/hidden-layouts/ leaked (or crashed the build) with the old
// line-regex redactor; hidden ids start with `secret-`, hidden expected values with `SECRET-`.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScaffold } from '../../src/build/scaffold.js';
import { implementerInstructions, taskPrompt } from '../../src/build/prompts.js';
import { makePlan } from '../../src/plan/index.js';
import { loadSpec, parseSpec, readSpecSource, visibleSpec } from '../../src/spec/index.js';

const DIR = path.resolve('fixtures/hidden-layouts');
const LAYOUTS = [
  'blockquote',
  'list-item',
  'nested-list',
  'tilde',
  'upper-case',
  'indented-fence',
  'indented-close',
  'crlf',
  'html-comment',
  'bom',
  'mixed',
  'imported/imported',
];
const SECRET = /secret/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe.each(LAYOUTS)('hidden cases in fixtures/hidden-layouts/%s.md', (layout) => {
  const file = path.join(DIR, `${layout}.md`);

  it('reach neither the snapshot, the plan nor the prompts', async () => {
    const { spec, diagnostics } = await loadSpec(file);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases.some((c) => c.hidden)).toBe(true);
    const plan = makePlan(spec, { language: 'python' });
    const out = mkdtempSync(path.join(tmpdir(), 'ghost-hidden-'));
    await writeScaffold(out, { spec, specSource: await readSpecSource(file), plan, language: 'python' });
    for (const f of filesUnder(out)) expect(readFileSync(f, 'utf8'), f).not.toMatch(SECRET);
    expect(JSON.stringify(plan)).not.toMatch(SECRET);
    const prompts = [implementerInstructions('python'), ...plan.tasks.map((t) => taskPrompt(plan, t))].join('\n');
    expect(prompts).not.toMatch(SECRET);
  });

  it('leave a visible spec that still parses to exactly the visible cases', async () => {
    const { spec } = await loadSpec(file);
    const visible = visibleSpec(spec, await readSpecSource(file));
    const texts = new Map(visible.caseFiles.map((f) => [path.join(path.dirname(file), f.path), f.text]));
    const again = parseSpec(visible.source, file, { readFile: (p) => texts.get(p) });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.spec.cases.map((c) => c.id).sort()).toEqual(
      spec.cases
        .filter((c) => !c.hidden)
        .map((c) => c.id)
        .sort(),
    );
  });
});

describe('a case file outside the spec folder', () => {
  it('is copied into the snapshot under _imported/ and the reference rewritten', async () => {
    const file = path.join(DIR, 'imported/imported.md');
    const { spec } = await loadSpec(file);
    const out = mkdtempSync(path.join(tmpdir(), 'ghost-hidden-'));
    await writeScaffold(out, {
      spec,
      specSource: await readSpecSource(file),
      plan: makePlan(spec),
      language: 'python',
    });
    const copy = readFileSync(path.join(out, '.ghost/spec/_imported/2-outside-cases.yaml'), 'utf8');
    expect(copy).toContain('visible-outside');
    const snapshot = readFileSync(path.join(out, '.ghost/spec/imported.md'), 'utf8');
    expect(snapshot).toContain('_imported/2-outside-cases.yaml');
    expect(snapshot).not.toContain('../outside-cases.yaml');
    expect(readFileSync(path.join(out, '.ghost/spec/cases/all-hidden.yaml'), 'utf8')).toBe('[]\n');
  });
});

// ghost diff: changes by unit, tasks keyed without their numbers; and the CLI's output.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, isEmptyDiff, renderDiffText } from '../../src/registry/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { TINY, TINY_11 } from './helpers.js';

describe('ghost diff', () => {
  it('names what changed between tiny 1.0.0 and 1.1.0', async () => {
    const [{ spec: a }, { spec: b }] = await Promise.all([
      loadSpec(path.join(TINY, 'tiny.md')),
      loadSpec(path.join(TINY_11, 'tiny.md')),
    ]);
    const d = diffSpecs(a, b, { language: 'python' });
    expect(d.functions).toEqual({ added: [], removed: [], changed: ['shout'] });
    expect(d.requirements).toEqual({ added: [], removed: [], changed: ['R-shout'] });
    expect(d.cases.changed.sort()).toEqual(['hidden-shout', 'shout-empty', 'shout-hi']);
    expect(d.tasks).toEqual({ added: [], removed: [], changed: ['fn-shout', 'integration'] });
    expect(d.planHash.old).not.toBe(d.planHash.new);
    const text = renderDiffText(d);
    expect(text).toMatch(/^tiny 1\.0\.0 → tiny 1\.1\.0\n/);
    expect(text).toContain('tasks:\n  ~ fn-shout\n  ~ integration\n');
    expect(text).toContain('2 task(s) to rebuild');
  });

  it('reports no changes for the same spec', async () => {
    const { spec } = await loadSpec(path.join(TINY, 'tiny.md'));
    const d = diffSpecs(spec, spec);
    expect(isEmptyDiff(d)).toBe(true);
    expect(renderDiffText(d)).toBe('tiny 1.0.0 → tiny 1.0.0: no changes\n');
  });
});

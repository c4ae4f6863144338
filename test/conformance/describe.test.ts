// The call a failing case shows: positional as `fn(a, b)`, named as the spec wrote it.
import { describe, expect, it } from 'vitest';
import { caseDescriber, renderCall } from '../../src/conformance/describe.js';
import { loadSpec } from '../../src/spec/index.js';

describe('case descriptions', () => {
  it('renders positional arguments as JSON, clipped when huge', () => {
    expect(renderCall('clamp', [42, 0, 10])).toBe('clamp(42, 0, 10)');
    expect(renderCall('f', ['a"b', null, [1, { k: true }]])).toBe('f("a\\"b", null, [1,{"k":true}])');
    expect(renderCall('f', ['x'.repeat(1000)]).length).toBe(400);
  });

  it('renders named arguments by name, with the case file:line', async () => {
    const { spec } = await loadSpec('specs/slugify.md');
    const named = spec.cases.find((c) => c.kind === 'call' && c.named && !c.hidden);
    expect(named).toBeDefined();
    const d = caseDescriber(spec)(named!);
    expect(d.call).toMatch(/^slugify\(text: "/);
    expect(d.source).toBe(`specs/slugify.md:${named!.location.start.line}`);
  });

  it('says nothing about a hidden case', async () => {
    const { spec } = await loadSpec('specs/slugify.md');
    const hidden = spec.cases.find((c) => c.hidden)!;
    expect(caseDescriber(spec)(hidden)).toEqual({});
  });
});

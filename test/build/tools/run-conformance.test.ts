import { describe, expect, it } from 'vitest';
import { executeToolCall } from '../../../src/build/agents/tool-call.js';
import type { VisibleCaseFilter } from '../../../src/build/tools/context.js';
import { runConformanceTool } from '../../../src/build/tools/run-conformance.js';
import type { CaseResult, ConformanceReport } from '../../../src/conformance/types.js';

function report(results: CaseResult[]): ConformanceReport {
  const n = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return {
    reportVersion: 1,
    spec: { name: 'slugify', hash: 'h' },
    implementation: { dir: '/x', language: 'typescript' },
    isolation: 'none',
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    total: results.length,
    passed: n('passed'),
    failed: n('failed'),
    errored: n('errored'),
    skipped: n('skipped'),
    results,
  };
}

const base = { kind: 'call' as const, fn: 'slugify', durationMs: 1, requirements: [] };

describe('run_conformance', () => {
  it('always asks for visible cases only and summarizes failures', async () => {
    const seen: VisibleCaseFilter[] = [];
    const tool = runConformanceTool(async (f) => {
      seen.push(f);
      return report([
        { ...base, id: 'basic', hidden: false, status: 'passed' },
        {
          ...base,
          id: 'trim',
          hidden: false,
          status: 'failed',
          message: 'value differs',
          expected: 'a-b',
          actual: '-a-b',
        },
        { ...base, id: 'secret-case', hidden: true, status: 'failed', message: 'hidden detail' },
      ]);
    });
    const r = await tool.run({ pattern: 'tr' });
    expect(seen).toEqual([{ hidden: 'exclude', pattern: 'tr' }]);
    expect(r.isError).toBe(true);
    expect(r.content).toContain('1/2 visible cases passed, 1 failed');
    expect(r.content).toContain('FAILED trim (slugify): value differs');
    expect(r.content).toContain('expected: "a-b"');
    expect(r.content).not.toContain('secret-case');
    expect(r.content).not.toContain('hidden detail');
  });

  it('offers no way to request hidden cases', async () => {
    const tool = runConformanceTool(async () => report([]));
    expect(Object.keys((tool.parameters as { properties: object }).properties)).toEqual([
      'pattern',
      'functions',
      'ids',
    ]);
    const r = await executeToolCall([tool], { id: 'c1', name: 'run_conformance', arguments: '{"hidden":"only"}' });
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/must NOT have additional properties/);
  });

  it('reports all-passing runs as success and runner crashes as tool errors', async () => {
    const okTool = runConformanceTool(async () => report([{ ...base, id: 'a', hidden: false, status: 'passed' }]));
    expect((await okTool.run({})).isError).toBeUndefined();
    const crash = runConformanceTool(async () => {
      throw new Error('driver missing');
    });
    expect((await crash.run({})).content).toMatch(/conformance run failed: driver missing/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/conformance/index.js';
import { disagreement, selfCheck, type Rules } from '../../src/fuzz/judge.js';

const value = (v: unknown): Answer => ({ type: 'response', outcome: { ok: true, value: v } });
const error = (kind: string): Answer => ({ type: 'response', outcome: { ok: false, error: { kind, message: 'm' } } });
const crash: Answer = { type: 'failure', reason: 'crash', message: 'driver exited 1' };
const exact: Rules = { compare: { mode: 'exact' }, kinds: true, allowedKinds: ['InvalidArgument'] };

describe('judging answers by the spec rules', () => {
  it('agrees on equal values, matching kinds (suffix and case aside) and tolerances', () => {
    expect(disagreement([value({ a: [1, 2] }), value({ a: [1, 2] })], exact)).toBeUndefined();
    expect(disagreement([error('InvalidArgument'), error('InvalidArgumentError')], exact)).toBeUndefined();
    expect(
      disagreement([value(0.1 + 0.2), value(0.3)], { ...exact, compare: { mode: 'tolerance', tolerance: 1e-9 } }),
    ).toBeUndefined();
    expect(disagreement([value([1, 2]), value([2, 1])], { ...exact, compare: { mode: 'unordered' } })).toBeUndefined();
  });

  it('names the pattern and who sided with whom', () => {
    expect(disagreement([value('a'), value('b'), value('a')], exact)).toEqual({
      pattern: 'value-vs-value',
      classes: [[0, 2], [1]],
    });
    expect(disagreement([value('a'), error('X')], exact)?.pattern).toBe('value-vs-error');
    expect(disagreement([error('X'), error('Y')], exact)?.pattern).toBe('error-kind-vs-error-kind');
    expect(disagreement([value('a'), crash], exact)?.pattern).toBe('crash-or-timeout');
  });

  it('ignores error kinds when the spec never names one', () => {
    expect(disagreement([error('TypeError'), error('ValueError')], { ...exact, kinds: false })).toBeUndefined();
  });

  it('checks one implementation without an oracle', () => {
    const rules: Rules = { ...exact, validate: (v) => typeof v === 'string' };
    expect(selfCheck(value('x'), value('x'), rules)).toBeUndefined();
    expect(selfCheck(crash, value('x'), rules)?.pattern).toBe('crash-or-timeout');
    expect(selfCheck(error('KeyError'), error('KeyError'), rules)?.pattern).toBe('undeclared-error');
    expect(selfCheck(value(3), value(3), rules)?.pattern).toBe('wrong-type');
    expect(selfCheck(value('x'), value('y'), rules)?.pattern).toBe('nondeterministic');
  });
});

// Builders for in-memory specs, so runner tests do not depend on the Markdown front end.
import { fileURLToPath } from 'node:url';
import type { CallCase, CallExpectation, Case, CommandCase, Compare, Spec } from '../../src/spec/types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MISBEHAVING = `${ROOT}fixtures/impls/misbehaving`;
export const FAKE_DRIVER = [process.execPath, fileURLToPath(new URL('./fixtures/fake-driver.mjs', import.meta.url))];

const loc = { file: 'test.md', start: { line: 1, column: 1 } };

export function call(
  id: string,
  fn: string,
  args: unknown[],
  expect: CallExpectation | { value: unknown } | { error: string | true },
  extra: { compare?: Compare; hidden?: boolean; requirements?: string[] } = {},
): CallCase {
  const e: CallExpectation =
    'kind' in expect
      ? expect
      : 'error' in expect
        ? expect.error === true
          ? { kind: 'error' }
          : { kind: 'error', errorKind: expect.error }
        : { kind: 'value', value: expect.value };
  return {
    kind: 'call',
    id,
    fn,
    args,
    expect: e,
    compare: extra.compare ?? { mode: 'exact' },
    hidden: extra.hidden ?? false,
    requirements: extra.requirements ?? [],
    location: loc,
  };
}

export function command(
  id: string,
  argv: string[],
  stdin: string,
  expect: CommandCase['expect'],
  hidden = false,
): CommandCase {
  return { kind: 'command', id, argv, stdin, expect, hidden, requirements: [], location: loc };
}

export function spec(cases: Case[], name = 'test-spec'): Spec {
  const fns = [...new Set(cases.flatMap((c) => (c.kind === 'call' ? [c.fn] : [])))];
  return {
    file: 'test.md',
    meta: { format: 1, name, version: '0.0.0', tests: [], frontMatter: true },
    title: name,
    sections: [],
    functions: fns.map((name) => ({
      name,
      params: [],
      returns: {},
      errors: [],
      origin: 'heading' as const,
      location: loc,
    })),
    cases,
    requirements: [],
    hash: 'f'.repeat(64),
    spans: { blocks: [], caseFiles: [] },
  };
}

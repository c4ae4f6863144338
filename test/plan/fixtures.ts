// Shared hand-built specs: a function library, a CLI-shaped spec, a prose spec.
import type { Spec } from '../../src/spec/types.js';
import { buildSpec, call, command, fn } from './builder.js';

/** semver-ish library: parse, format (mentions `parse`), compare, plus general sections. */
export function librarySpec(edit: { formatText?: string; formatExpect?: string } = {}): Spec {
  return buildSpec({
    name: 'semverish',
    version: '1.0.0',
    outline: [
      { depth: 1, title: 'semverish', text: 'Version strings, parsed and printed.' },
      { depth: 2, title: 'Overview', text: 'Versions look like `1.2.3`. Inputs MUST be strings.' },
      { depth: 2, title: 'Interface', text: 'Three functions.' },
      {
        depth: 3,
        title: 'parse(text) -> object',
        text: 'Parses a version. It MUST reject leading zeros [R-parse-zeros].\n\n```yaml conformance hidden\n- id: secret-hidden-case\n  fn: parse\n  args: ["SECRET-INPUT-9"]\n  expect: SECRET-OUTPUT-9\n```\n',
      },
      { depth: 4, title: 'Parse errors', text: 'A bad version MUST raise `InvalidVersion`.' },
      {
        depth: 3,
        title: 'format(version) -> string',
        text: edit.formatText ?? 'The inverse of `parse`. It SHOULD be stable.',
      },
      { depth: 3, title: 'compare(a, b) -> integer', text: 'Orders two versions. It MUST return -1, 0 or 1.' },
      { depth: 2, title: 'Error handling', text: 'Every function MUST raise, never return null.' },
    ],
    functions: [
      fn('parse', 'parsetext---object'),
      fn('format', 'formatversion---string', ['version']),
      fn('compare', 'comparea-b---integer', ['a', 'b']),
    ],
    cases: [
      call(
        'parse-basic',
        'parse',
        ['1.2.3'],
        { major: 1 },
        { section: 'parsetext---object', requirements: ['R-parse-zeros'] },
      ),
      call('format-basic', 'format', [{ major: 1 }], edit.formatExpect ?? '1.0.0', {
        section: 'formatversion---string',
      }),
      call('compare-lt', 'compare', ['1.0.0', '2.0.0'], -1, { section: 'comparea-b---integer' }),
      call('compare-hidden-x', 'compare', ['HIDDEN-A', 'HIDDEN-B'], 'HIDDEN-EXPECT', {
        hidden: true,
        section: 'comparea-b---integer',
      }),
    ],
  });
}

export function cliSpec(): Spec {
  return buildSpec({
    name: 'wc',
    command: 'wc',
    outline: [
      { depth: 1, title: 'wc' },
      { depth: 2, title: 'Counting lines', text: 'With `--lines` the program MUST print the line count. '.repeat(30) },
      { depth: 2, title: 'Counting words', text: 'With `--words` the program MUST print the word count. '.repeat(30) },
      { depth: 2, title: 'Exit status', text: 'It MUST exit 2 on a bad flag.' },
    ],
    cases: [
      command('lines', ['--lines'], '2\n', { section: 'counting-lines' }),
      command('words', ['--words'], '3\n', { section: 'counting-words' }),
      command('bad-flag-hidden', ['--HIDDEN-FLAG'], '', { section: 'exit-status', hidden: true }),
    ],
  });
}

// Inputs past the parser's limits end in bounded time with a positioned diagnostic or a clear
// "too deep / too large" UserError (exit 2): each of these was an internal error (a stack
// overflow, an alias-count exception) or minutes of CPU before src/spec/limits.ts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, parseSpec } from '../../src/spec/index.js';
import { UserError } from '../../src/util/errors.js';

const DIR = path.resolve('fixtures/limits');
const HEAD = '---\nname: p\nversion: 1.0.0\n---\n\n# p\n\n## f(x: integer) -> integer\n\n';

function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

describe.each([
  ['alias-bomb.md', 11, /aliases expand too far/],
  ['alias-bomb-fm.md', 2, /aliases expand too far/],
  ['flow-deep.md', 11, /nested too deeply/],
  ['flow-deep-unclosed.md', 12, /nested too deeply/],
  ['map-deep.md', 11, /nested too deeply/],
])('fixtures/limits/%s', (name, line, message) => {
  it('gets a positioned yaml-limit diagnostic', async () => {
    const { diagnostics } = await loadSpec(path.join(DIR, name));
    const d = diagnostics.find((x) => x.rule === 'yaml-limit');
    expect(d?.message).toMatch(message);
    expect(d?.line).toBe(line);
  });
});

describe('Markdown past the limits', () => {
  it('a blockquote 1,000 deep is "too deeply nested" at its line', async () => {
    const e = await loadSpec(path.join(DIR, 'deep-quote.md')).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toMatch(/deep-quote\.md:10:1: too deeply nested/);
    expect((e as UserError).exitCode).toBe(2);
  });

  it('a list 1,000 deep is "too deeply nested"', () => {
    const list = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- x\n`).join('');
    expect(userError(() => parseSpec(HEAD + list, 'list.md')).message).toMatch(/^list\.md:211:1: too deeply nested/);
  });

  it('a line of 20,000 `[` is "too large"', () => {
    expect(userError(() => parseSpec(`${HEAD}${'['.repeat(20_000)}\n`, 'brackets.md')).message).toMatch(
      /^brackets\.md:10:1: too large/,
    );
  });

  it('emphasis nested 3,000 deep is "too large" (micromark resolves it in quadratic time)', () => {
    const text = `${HEAD}${'*a '.repeat(3000)}${' b*'.repeat(3000)}\n`;
    expect(userError(() => parseSpec(text, 'stars.md')).message).toMatch(/^stars\.md:10:1: too large/);
  });

  it('a signature default nested too deeply is a bad-signature diagnostic', () => {
    const { diagnostics } = parseSpec(
      `# p\n\n## f(x: list = ${'['.repeat(1500)}${']'.repeat(1500)}) -> integer\n`,
      'sig.md',
    );
    expect(diagnostics.find((d) => d.rule === 'bad-signature')?.message).toMatch(/default value/);
  });
});

describe('the delimiter budget', () => {
  it('counts only paragraphs: a long code sample after an HTML block (raw text to micromark) is fine', () => {
    const yaml = '- fn: count_vowels\n  args: [[1]]\n'.repeat(1000);
    const { diagnostics } = parseSpec(`# p\n\n<div>\nx\n</div>\n\n\`\`\`yaml\n${yaml}\`\`\`\n`, 'code.md');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('still counts a paragraph that a backtick line with a backtick in it (inline code, no fence) does not end', () => {
    const line = '```a`b ' + '*x '.repeat(900);
    expect(userError(() => parseSpec(`# p\n\n${`${line}\n`.repeat(5)}`, 'inline.md')).message).toMatch(/too large/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectImplementation } from '../../src/conformance/detect.js';
import { UserError } from '../../src/util/errors.js';
import { ROOT } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-detect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string>): string {
  const d = path.join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), text);
  }
  return d;
}

describe('detectImplementation', () => {
  it('reads ghost.json first', () => {
    const d = dir('manifest', {
      'ghost.json': JSON.stringify({ language: 'ts', entry: 'src/lib.ts', names: { a_b: 'aB' } }),
      'index.js': '',
    });
    expect(detectImplementation(d)).toMatchObject({
      language: 'typescript',
      entry: 'src/lib.ts',
      names: { a_b: 'aB' },
    });
  });

  it('stops at a near miss of a ghost.json key or language, and ignores other keys', () => {
    const typo = dir('manifest-typo', {
      'ghost.json': JSON.stringify({ language: 'python', entyr: 'x.py' }),
      'x.py': '',
    });
    expect(() => detectImplementation(typo)).toThrow(/ghost\.json: unknown key "entyr"; did you mean "entry"\?/);
    const lang = dir('manifest-lang', { 'ghost.json': JSON.stringify({ language: 'pyhton' }), 'x.py': '' });
    expect(() => detectImplementation(lang)).toThrow('unknown language "pyhton" (did you mean "python"?)');
    const notes = dir('manifest-notes', {
      'ghost.json': JSON.stringify({ language: 'python', $schema: 'x', notes: 'mine' }),
      'x.py': '',
    });
    expect(detectImplementation(notes).language).toBe('python');
    // a program may be written in any language: only drivers need to know it
    const program = dir('manifest-program', {
      'ghost.json': JSON.stringify({ language: 'cobol', command: ['./run'] }),
    });
    expect(detectImplementation(program).language).toBe('cobol');
  });

  it('finds JavaScript through package.json exports/main and index.*', () => {
    expect(
      detectImplementation(
        dir('pkg-exports', { 'package.json': JSON.stringify({ exports: { '.': { import: './lib/x.mjs' } } }) }),
      ),
    ).toMatchObject({
      language: 'javascript',
      entry: 'lib/x.mjs',
    });
    expect(detectImplementation(dir('pkg-main', { 'package.json': JSON.stringify({ main: 'main.cjs' }) })).entry).toBe(
      'main.cjs',
    );
    expect(detectImplementation(dir('idx', { 'index.mjs': '' }))).toMatchObject({
      language: 'javascript',
      entry: 'index.mjs',
    });
    expect(detectImplementation(dir('idx-ts', { 'index.ts': '' }))).toMatchObject({
      language: 'typescript',
      entry: 'index.ts',
    });
  });

  it('finds Python modules and packages', () => {
    expect(detectImplementation(dir('py-single', { 'slug.py': '' }))).toMatchObject({
      language: 'python',
      entry: 'slug.py',
    });
    expect(
      detectImplementation(dir('py-pkg', { 'pyproject.toml': '', 'mylib/__init__.py': '', 'tests/__init__.py': '' })),
    ).toMatchObject({
      language: 'python',
      entry: 'mylib',
    });
    expect(detectImplementation(dir('py-init', { '__init__.py': '' }))).toMatchObject({
      language: 'python',
      entry: '.',
    });
  });

  it('finds Java sources', () => {
    expect(detectImplementation(dir('java', { 'Mini.java': '' })).language).toBe('java');
    expect(detectImplementation(path.join(ROOT, 'fixtures/impls/mini/java')).language).toBe('java');
  });

  it('finds Go packages: the top directory, else the only package below; never package main', () => {
    expect(
      detectImplementation(
        dir('go-top', { 'go.mod': 'module x\n', 'x.go': 'package x\n', 'x_test.go': 'package x\n' }),
      ),
    ).toMatchObject({ language: 'go', entry: '.' });
    expect(
      detectImplementation(
        dir('go-sub', {
          'go.mod': 'module x\n',
          'cmd/tool/main.go': 'package main\n',
          'humanize/h.go': 'package humanize\n',
        }),
      ),
    ).toMatchObject({
      language: 'go',
      entry: 'humanize',
    });
    expect(
      detectImplementation(dir('go-main', { 'go.mod': 'module x\n', 'main.go': '// a program\npackage main\n' })),
    ).toMatchObject({ language: 'go', entry: '.' });
  });

  it('finds Ruby files: lib/<name>.rb, the only lib file, or a single *.rb (specs and Rakefiles are not entries)', () => {
    expect(
      detectImplementation(dir('rb-gem', { 'lib/semver.rb': '', 'lib/semver/version.rb': '', Gemfile: '' })).entry,
    ).toBe('lib/semver.rb');
    expect(detectImplementation(dir('semver', { 'lib/semver.rb': '', 'lib/semver_util.rb': '' })).entry).toBe(
      'lib/semver.rb',
    );
    expect(detectImplementation(dir('rb-top', { 'tool.rb': '', 'tool_spec.rb': '', Rakefile: '' }))).toMatchObject({
      language: 'ruby',
      entry: 'tool.rb',
    });
  });

  it('normalises ghost.json and --lang aliases; an unknown language is a user error unless a command names the program', () => {
    expect(
      detectImplementation(
        dir('alias', { 'ghost.json': '{"language":"golang"}', 'go.mod': 'module a\n', 'a.go': 'package a\n' }),
      ).language,
    ).toBe('go');
    expect(() => detectImplementation(dir('cobol', { 'ghost.json': '{"language":"cobol","entry":"x.cob"}' }))).toThrow(
      /ghost\.json: unknown language "cobol"; known languages: /,
    );
    expect(() => detectImplementation(dir('js-only', { 'index.js': '' }), 'javscript')).toThrow(
      '--lang: unknown language "javscript" (did you mean "javascript"?)',
    );
    expect(
      detectImplementation(dir('bash', { 'ghost.json': '{"language":"bash","command":["bash","wc.sh"]}' })),
    ).toMatchObject({ language: 'bash', command: ['bash', 'wc.sh'] });
    expect(() =>
      detectImplementation(dir('key-style', { 'ghost.json': '{"language":"ruby","keyStyle":"sym"}' })),
    ).toThrow(/"keyStyle" must be "string" or "symbol"/);
  });

  it('honours --lang', () => {
    const d = dir('both', { 'index.js': '', 'lib.py': '' });
    expect(detectImplementation(d).language).toBe('javascript');
    expect(detectImplementation(d, 'python')).toMatchObject({ language: 'python', entry: 'lib.py' });
  });

  it('says what it expected when nothing fits', () => {
    const d = dir('empty', { 'README.md': '' });
    expect(() => detectImplementation(d)).toThrow(UserError);
    expect(() => detectImplementation(d)).toThrow(
      /no implementation found in .*empty: expected .*package\.json.*\*\.py.*\*\.java/,
    );
    expect(() => detectImplementation(path.join(tmp, 'nope'))).toThrow(/implementation directory not found/);
    const bad = dir('bad-manifest', { 'ghost.json': '{' });
    expect(() => detectImplementation(bad)).toThrow(/ghost\.json: invalid JSON/);
  });
});

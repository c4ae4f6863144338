// The one language table's API: aliases normalised once, unknown names a user error with a
// did-you-mean, names in each convention, templates and scaffold manifests.
import { describe, expect, it } from 'vitest';
import {
  conventionalName,
  fillTemplate,
  findLanguage,
  languageIds,
  resolveLanguage,
  scaffoldFiles,
  scaffoldManifest,
  styleName,
} from '../../src/languages/index.js';
import { UserError } from '../../src/util/errors.js';
import { runCli } from '../support/cli.js';

describe('the language table', () => {
  it('maps every alias to one canonical id, each alias once', () => {
    expect(findLanguage('py')?.id).toBe('python');
    expect(findLanguage(' TS ')?.id).toBe('typescript');
    expect(findLanguage('golang')?.id).toBe('go');
    expect(findLanguage('rb')?.id).toBe('ruby');
    expect(languageIds()).toEqual(expect.arrayContaining(['python', 'javascript', 'typescript', 'java', 'go', 'ruby']));
  });

  it('rejects an unknown language with a did-you-mean and the known list', () => {
    expect(() => resolveLanguage('cobol')).toThrow(UserError);
    expect(() => resolveLanguage('cobol')).toThrow(
      /^unknown language "cobol"; known languages: python, javascript, typescript, java, go/,
    );
    expect(() => resolveLanguage('rubby')).toThrow('unknown language "rubby" (did you mean "ruby"?)');
    expect(() => resolveLanguage('jva')).toThrow('(did you mean "java"?)');
  });

  it('converts names to each convention', () => {
    expect(styleName('parse_range', 'pascal')).toBe('ParseRange');
    expect(styleName('parseRange', 'snake')).toBe('parse_range');
    expect(styleName('to_base64', 'camel')).toBe('toBase64');
    expect(conventionalName('parse_duration', 'go')).toBe('ParseDuration');
    expect(conventionalName('parseDuration', 'ruby')).toBe('parse_duration');
    expect(fillTemplate('lib/<name>.rb defines <Name>', 'text-stat')).toBe('lib/text_stat.rb defines TextStat');
  });

  it('writes ghost.json and project files from the table', () => {
    const go = findLanguage('go')!;
    expect(scaffoldManifest({ name: 'semver', functions: ['parse', 'max_satisfying'], program: false }, go)).toEqual({
      language: 'go',
      entry: '.',
      names: { parse: 'Parse', max_satisfying: 'MaxSatisfying' },
    });
    expect(scaffoldFiles({ name: 'semver', functions: [], program: false }, go)).toEqual({
      'go.mod': 'module semver\n\ngo 1.19\n',
    });
    expect(scaffoldManifest({ name: 'textstat', functions: [], program: true }, findLanguage('python')!)).toEqual({
      language: 'python',
      command: ['python3', 'textstat.py'],
    });
  });

  it('`ghost plan --lang cobol` exits 2 with the message, no stack', async () => {
    const r = await runCli(['plan', 'specs/slugify.md', '--lang', 'cobol']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown language "cobol"');
    expect(r.stderr).not.toContain('    at ');
    const py = await runCli(['plan', 'specs/slugify.md', '--lang', 'py', '--json']);
    expect(JSON.parse(py.stdout).language).toBe('python');
    expect(py.stdout).toContain('{\\"language\\":\\"python\\",\\"entry\\":\\"slugify.py\\"');
  });
});

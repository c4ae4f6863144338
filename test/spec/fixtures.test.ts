// Every fixtures/broken/<name>.md must produce exactly the diagnostics in <name>.expected
// (the lines `ghost check` prints), and the real third-party library must load cleanly.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadSpec } from '../../src/spec/index.js';

const dir = 'fixtures/broken';
const specs = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe('fixtures/broken', () => {
  it('has a fixture for every error rule of spec-format §7', () => {
    const expected = specs.map((f) => readFileSync(`${dir}/${f.replace(/\.md$/, '.expected')}`, 'utf8')).join('');
    for (const rule of [
      'yaml-syntax',
      'front-matter',
      'invalid-semver',
      'interface-schema',
      'bad-signature',
      'case-schema',
      'missing-expectation',
      'unknown-function',
      'arguments',
      'duplicate-case',
      'unknown-requirement',
      'missing-file',
      'no-front-matter',
      'untested-requirement',
      'untested-function',
      'no-cases',
    ]) {
      expect(expected, rule).toContain(`[${rule}]`);
    }
  });

  it.each(specs)('%s', async (name) => {
    const file = `${dir}/${name}`;
    const { diagnostics } = await loadSpec(file);
    const expected = readFileSync(file.replace(/\.md$/, '.expected'), 'utf8').trimEnd().split('\n');
    expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
  });
});

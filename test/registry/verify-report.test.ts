// ghost verify's output formats, on a fabricated result (no build needed).
import { describe, expect, it } from 'vitest';
import { renderVerify, type VerifyResult } from '../../src/registry/index.js';

const result: VerifyResult = {
  ok: false,
  lockFile: '/p/ghost.lock',
  libraries: [
    {
      name: 'a&b',
      version: '1.0.0',
      ok: false,
      reason: 'vendor/a was edited since the build (changed: a.py; added: x.py)',
      checks: [
        { name: 'spec-files', ok: true, detail: '1 spec file(s) match' },
        {
          name: 'vendored-tree',
          ok: false,
          detail: 'vendor/a was edited since the build (changed: a.py; added: x.py)',
        },
        { name: 'conformance', ok: true, detail: '1/1 cases pass' },
      ],
    },
    {
      name: 'tiny',
      version: '2.0.0',
      ok: true,
      reason: 'ok: 2 spec file(s) match (not vendored: no build recorded)',
      checks: [{ name: 'spec-files', ok: true, detail: '2 spec file(s) match' }],
    },
  ],
};

describe('ghost verify reporters', () => {
  it('pretty: one line per library with the reason, then a summary', () => {
    expect(renderVerify(result, 'pretty')).toBe(
      '✗ a&b 1.0.0: vendor/a was edited since the build (changed: a.py; added: x.py)\n' +
        '✓ tiny 2.0.0: 2 spec file(s) match (not vendored: no build recorded)\n' +
        '1 of 2 libraries failed verification\n',
    );
  });

  it('json: the verdicts as data', () => {
    const data = JSON.parse(renderVerify(result, 'json')) as {
      ok: boolean;
      libraries: Array<{ name: string; ok: boolean }>;
    };
    expect(data.ok).toBe(false);
    expect(data.libraries.map((l) => [l.name, l.ok])).toEqual([
      ['a&b', false],
      ['tiny', true],
    ]);
  });

  it('junit: a suite per library, a failure per failed check, XML-escaped', () => {
    const xml = renderVerify(result, 'junit');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ghost verify" tests="4" failures="1">/,
    );
    expect(xml).toContain('<testsuite name="ghost verify: a&amp;b 1.0.0" tests="3" failures="1" errors="0">');
    expect(xml).toContain(
      '<testcase classname="a&amp;b" name="vendored-tree">\n      <failure message="vendor/a was edited since the build (changed: a.py; added: x.py)"',
    );
    expect(xml).toContain('<testcase classname="tiny" name="spec-files"/>');
  });
});

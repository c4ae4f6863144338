// Implementations written by other people for a published-layout spec (fixtures/third-party/
// humanize: no front matter, tests.yaml beside it) pass `ghost test` unmodified: no ghost.json,
// their own naming (camelCase JS exports, a plain Python module, a Ruby module reading its
// options hash by symbol), their own error types. The Go package (it compiles) is run by
// test/integration/go-ruby-drivers.test.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.js';
import { runConformance, type Driver } from '../../src/conformance/index.js';
import { DriverProcess, MAX_LINE_BYTES, MAX_OUTPUT_BYTES } from '../../src/conformance/driver-process.js';
import { detectImplementation } from '../../src/conformance/detect.js';
import { driverCommand, driverEnv } from '../../src/conformance/drivers.js';
import { loadSpec, type CallCase } from '../../src/spec/index.js';
import { ROOT } from './helpers.js';

const SPEC = `${ROOT}fixtures/third-party/humanize/SPEC.md`;
const IMPLS = `${ROOT}fixtures/third-party/humanize-impls`;

/** The bundled driver, recording the handshake's name map and every error kind it reports. */
function recordingDriver(implDir: string, functions: string[]) {
  const seen = { functions: {} as Record<string, string>, errorKinds: new Map<string, string>() };
  const impl = detectImplementation(implDir);
  const startDriver = async (): Promise<Driver> => {
    const d = await DriverProcess.start(
      { argv: driverCommand(impl.language), cwd: impl.dir, ...driverEnv(impl, functions) },
      30_000,
      { maxLineBytes: MAX_LINE_BYTES, maxOutputBytes: MAX_OUTPUT_BYTES },
    );
    Object.assign(seen.functions, d.functions);
    return {
      get functions() {
        return d.functions;
      },
      get dead() {
        return d.dead;
      },
      close: () => d.close(),
      kill: () => d.kill(),
      async call(fn, args, timeoutMs) {
        const r = await d.call(fn, args, timeoutMs);
        if (r.type === 'response' && !r.outcome.ok)
          seen.errorKinds.set(`${fn} ${JSON.stringify(args)}`, r.outcome.error.kind);
        return r;
      },
    };
  };
  return { impl, seen, startDriver };
}

afterEach(() => vi.restoreAllMocks());

describe('ghost test fixtures/third-party/humanize', async () => {
  const { spec, diagnostics } = await loadSpec(SPEC);
  const names = spec.functions.map((f) => f.name);
  const errorCases = spec.cases.filter((c): c is CallCase => c.kind === 'call' && c.expect.kind === 'error');

  it('loads cleanly, and the implementations carry no ghost manifest', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec.cases).toHaveLength(108);
    for (const lang of ['js', 'python', 'go', 'ruby'])
      expect(existsSync(path.join(IMPLS, lang, 'ghost.json'))).toBe(false);
  });

  it.each(['js', 'python', 'ruby'])(
    '`ghost test SPEC.md --impl humanize-impls/%s` exits 0 (the CLI, in-process)',
    async (dir) => {
      let stdout = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      });
      const code = await main([
        'test',
        path.relative(process.cwd(), SPEC),
        '--impl',
        path.join(IMPLS, dir),
        '-j',
        '1',
        '--no-color',
      ]);
      vi.restoreAllMocks();
      expect(stdout.trimEnd().split('\n').at(-1)).toBe('108 passed, 0 failed');
      expect(code).toBe(0);
    },
  );

  it.each([
    [
      'js',
      'javascript',
      'src/humanize.js',
      {
        file_size: 'fileSize',
        ordinal: 'ordinal',
        compact_number: 'compactNumber',
        pluralize: 'pluralize',
        duration_words: 'durationWords',
      },
      ['RangeError', 'TypeError'],
    ],
    ['python', 'python', 'humanize.py', Object.fromEntries(names.map((n) => [n, n])), ['TypeError', 'ValueError']],
    ['ruby', 'ruby', 'lib/humanize.rb', Object.fromEntries(names.map((n) => [n, n])), ['TypeError', 'ArgumentError']],
  ])('the %s implementation passes every case unmodified', async (dir, language, entry, mapping, kinds) => {
    const { impl, seen, startDriver } = recordingDriver(path.join(IMPLS, dir), names);
    expect(impl).toMatchObject({ language, entry, names: {} });
    const report = await runConformance(spec, { implDir: impl.dir, jobs: 1, startDriver });
    const notPassed = report.results.filter((r) => r.status !== 'passed');
    expect(notPassed).toEqual([]);
    expect(report).toMatchObject({
      total: 108,
      passed: 108,
      failed: 0,
      errored: 0,
      skipped: 0,
      implementation: { language },
    });
    // the handshake found every function, through name mapping for JavaScript
    expect(seen.functions).toEqual(mapping);
    // every error case failed inside the implementation, with its own error types, not
    // because the driver could not find or call the function
    expect(seen.errorKinds.size).toBe(errorCases.length);
    expect(new Set(seen.errorKinds.values())).toEqual(new Set(kinds));
  });
});

// The Go and Ruby drivers end to end: the protocol fixture (mini), unmodified third-party code,
// and what each language can do wrong (a compile error, a panic, a null for an int, a
// symbol-keyed options hash). Go compiles (cached by content hash), hence this tier.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance, reporters, type Driver } from '../../src/conformance/index.js';
import { DriverProcess, MAX_LINE_BYTES, MAX_OUTPUT_BYTES } from '../../src/conformance/driver-process.js';
import { detectImplementation } from '../../src/conformance/detect.js';
import { driverCommand, driverEnv } from '../../src/conformance/drivers.js';
import { loadSpec, type CallCase, type Spec } from '../../src/spec/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MINI = path.join(ROOT, 'fixtures/impls/mini/mini.md');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-go-ruby-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function impl(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    const p = path.join(dir, f);
    rmSync(p, { force: true });
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/** The bundled driver, recording the handshake's name map and the error kinds it reports. */
function recording(implDir: string, functions: string[]) {
  const seen = { functions: {} as Record<string, string>, kinds: new Map<string, string>() };
  const found = detectImplementation(implDir);
  const startDriver = async (): Promise<Driver> => {
    const d = await DriverProcess.start(
      { argv: driverCommand(found.language), cwd: found.dir, ...driverEnv(found, functions) },
      60_000,
      {
        maxLineBytes: MAX_LINE_BYTES,
        maxOutputBytes: MAX_OUTPUT_BYTES,
      },
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
          seen.kinds.set(`${fn} ${JSON.stringify(args)}`, r.outcome.error.kind);
        return r;
      },
    };
  };
  return { found, seen, startDriver };
}

describe.each(['go', 'ruby'])('the %s driver', (lang) => {
  it('passes every case of the protocol fixture (mini)', async () => {
    const { spec } = await loadSpec(MINI);
    const report = await runConformance(spec, {
      implDir: path.join(ROOT, 'fixtures/impls/mini', lang),
      timeoutMs: 20_000,
    });
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report.implementation.language).toBe(lang);
  });
});

describe('unmodified third-party Go (fixtures/third-party/humanize-impls/go)', () => {
  it('passes every case: CamelCase exports, an options struct by pointer without json tags, (string, error)', async () => {
    const { spec } = await loadSpec(path.join(ROOT, 'fixtures/third-party/humanize/SPEC.md'));
    const names = spec.functions.map((f) => f.name);
    const { found, seen, startDriver } = recording(path.join(ROOT, 'fixtures/third-party/humanize-impls/go'), names);
    expect(found).toMatchObject({ language: 'go', entry: '.', names: {} });
    const report = await runConformance(spec, { implDir: found.dir, jobs: 1, startDriver });
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report.total).toBe(108);
    expect(seen.functions).toEqual({
      file_size: 'FileSize',
      ordinal: 'Ordinal',
      compact_number: 'CompactNumber',
      pluralize: 'Pluralize',
      duration_words: 'DurationWords',
    });
    // Ill-typed arguments (1.5, "3", true, null for an int64) stop at the harness's decoding,
    // as Java's do; range errors are the package's own: a wrapped ErrOutOfRange sentinel, an
    // *OptionError, an errors.New.
    expect(new Set(seen.kinds.values())).toEqual(new Set(['ArgumentError', 'OutOfRange', 'OptionError', 'Error']));
  });
});

const GO_SPEC = (spec: Spec, fns: string[]): Spec => ({
  ...spec,
  functions: spec.functions.filter((f) => fns.includes(f.name)),
});

describe('Go failures', async () => {
  const { spec: mini } = await loadSpec(MINI);

  it('reports a compile error once, with file:line, and caches it', async () => {
    const dir = impl('broken', {
      'go.mod': 'module example.com/broken\n\ngo 1.19\n',
      'broken.go': `package broken\n\n// ${Date.now()}\nfunc Echo(v any) any {\n\treturn undefinedThing\n}\n`,
    });
    const report = await runConformance(mini, { implDir: dir, jobs: 2 });
    expect(report.errored).toBe(report.total);
    for (const r of report.results)
      expect(r.message).toMatch(/CompileError: broken\.go:5:\d+: undefined: undefinedThing/);
    const pretty = reporters.pretty.render(report, { color: false });
    expect(pretty.match(/undefined: undefinedThing/g)).toHaveLength(1);
    // the second run answers from the cached failure, without rebuilding
    const again = await runConformance(mini, { implDir: dir, jobs: 1 });
    expect(again.results[0]!.message).toBe(report.results[0]!.message);
  });

  it('keeps the protocol clean of what the package prints in init(), before main runs', async () => {
    const dir = impl('noisy-init', {
      'go.mod': 'module example.com/noisyinit\n\ngo 1.19\n',
      'noisy.go': [
        'package noisyinit',
        'import ("fmt"; "os")',
        'func init() { fmt.Println(`{"id":1,"ok":true,"value":"forged"}`); os.Stdout.WriteString("garbage\\n") }',
        'func ByteLength(text string) int { return len(text) }',
        '',
      ].join('\n'),
    });
    const report = await runConformance(
      {
        ...GO_SPEC(mini, ['byte_length']),
        cases: mini.cases.filter((c) => c.kind === 'call' && c.fn === 'byte_length'),
      },
      { implDir: dir, jobs: 1 },
    );
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('takes the error kind from a Kind() method anywhere in the Unwrap chain; struct fields by json tag', async () => {
    const dir = impl('kinds', {
      'go.mod': 'module example.com/kinds\n\ngo 1.19\n',
      'kinds.go': [
        'package kinds',
        'import ("fmt"; "strings")',
        'type problem struct{ code string }',
        'func (p problem) Error() string { return "problem " + p.code }',
        'func (p problem) Kind() string { return p.code }',
        'type GreetOptions struct {',
        '\tSalutation string `json:"greeting"`',
        '\tLoud       bool   `json:"shout,omitempty"`',
        '}',
        'func Greet(name string, o *GreetOptions) string {',
        '\tg := "Hello"',
        '\tif o != nil && o.Salutation != "" { g = o.Salutation }',
        '\ts := g + ", " + name + "!"',
        '\tif o != nil && o.Loud { return strings.ToUpper(s) }',
        '\treturn s',
        '}',
        'func Divide(a, b float64) (float64, error) {',
        '\tif b == 0 { return 0, fmt.Errorf("divide %v: %w", a, problem{"DivisionByZero"}) }',
        '\treturn a / b, nil',
        '}',
        '',
      ].join('\n'),
    });
    const fns = ['divide', 'greet'];
    const report = await runConformance(
      { ...GO_SPEC(mini, fns), cases: mini.cases.filter((c) => c.kind === 'call' && fns.includes(c.fn)) },
      { implDir: dir, jobs: 1 },
    );
    expect(report.total).toBe(5);
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
  });

  it('isolates a panic to its case, and rejects a null where Go has no null', async () => {
    const dir = impl('panicky', {
      'go.mod': 'module example.com/panicky\n\ngo 1.19\n',
      'panicky.go': [
        'package panicky',
        'func Echo(v any) any { if v == "boom" { var m map[string]int; m["x"] = 1 }; return v }',
        'func ByteLength(text string) int { return len(text) }',
        '',
      ].join('\n'),
    });
    const cases: CallCase[] = [
      {
        ...(mini.cases.find((c) => c.kind === 'call' && c.fn === 'echo') as CallCase),
        id: 'boom',
        args: ['boom'],
        expect: { kind: 'value', value: 'boom' },
      },
      {
        ...(mini.cases.find((c) => c.kind === 'call' && c.fn === 'echo') as CallCase),
        id: 'after',
        args: ['ok'],
        expect: { kind: 'value', value: 'ok' },
      },
      {
        ...(mini.cases.find((c) => c.kind === 'call' && c.fn === 'byte_length') as CallCase),
        id: 'null',
        args: [null],
        expect: { kind: 'error' },
      },
    ];
    const { seen, startDriver } = recording(dir, ['echo', 'byte_length']);
    const report = await runConformance(
      { ...GO_SPEC(mini, ['echo', 'byte_length']), cases },
      { implDir: dir, jobs: 1, startDriver },
    );
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['boom', 'failed'],
      ['after', 'passed'],
      ['null', 'passed'],
    ]);
    expect(report.results[0]!.message).toContain('Panic');
    expect([...seen.kinds.values()]).toEqual(['Panic', 'ArgumentError']);
  });
});

describe('Ruby options hashes', async () => {
  const { spec: mini } = await loadSpec(MINI);
  const greet = GO_SPEC(mini, ['greet']);
  const greetCases = mini.cases.filter((c) => c.kind === 'call' && c.fn === 'greet');
  const source = (read: string) =>
    `module Hello\n  module_function\n  def greet(name, options = nil)\n    options ||= {}\n    text = "#{${read} || 'Hello'}, #{name}!"\n    options${read.includes(':') ? '[:shout]' : "['shout']"} ? text.upcase : text\n  end\nend\n`;

  it('auto-detects string and symbol keys from the method, and ghost.json keyStyle overrides', async () => {
    const strings = impl('rb-strings', { 'lib/hello.rb': source("options['greeting']") });
    const symbols = impl('rb-symbols', { 'lib/hello.rb': source('options[:greeting]') });
    const forced = impl('rb-forced', {
      'lib/hello.rb': source("options['greeting']"),
      'ghost.json': '{"language":"rb","keyStyle":"symbol"}',
    });
    const run = (dir: string) => runConformance({ ...greet, cases: greetCases }, { implDir: dir, jobs: 1 });
    expect((await run(strings)).failed).toBe(0);
    expect((await run(symbols)).failed).toBe(0);
    expect((await run(forced)).failed).toBeGreaterThan(0); // string-keyed code handed symbols: options ignored
  });

  it('serves top-level methods, and passes options as keywords to a method that takes them', async () => {
    const dir = impl('rb-top', {
      'hello.rb': [
        'class DivisionByZero < StandardError; end',
        'def add_numbers(a, b) = a + b',
        "def greet(name, greeting: 'Hello', shout: false)",
        '  t = "#{greeting}, #{name}!"',
        '  shout ? t.upcase : t',
        'end',
        'def divide(a, b)',
        "  raise DivisionByZero, 'division by zero' if b.zero?",
        '  a.fdiv(b)',
        'end',
        '',
      ].join('\n'),
    });
    const fns = ['add_numbers', 'greet', 'divide'];
    const spec = { ...GO_SPEC(mini, fns), cases: mini.cases.filter((c) => c.kind === 'call' && fns.includes(c.fn)) };
    const report = await runConformance(spec, { implDir: dir, jobs: 1 });
    expect(report.implementation.language).toBe('ruby');
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
  });
});

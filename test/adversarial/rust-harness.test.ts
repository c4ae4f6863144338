// The generated Rust harness under attack: implementations that print into the protocol
// stream, panic, exit, hang, read stdin or fail to compile (cargo builds: integration tier).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import type { FunctionDecl, Param, Spec } from '../../src/spec/types.js';
import { MISBEHAVING, ROOT, call, spec as baseSpec } from '../conformance/helpers.js';

const DIR = `${MISBEHAVING}/rust`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-rust-attack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const loc = { file: 'test.md', start: { line: 1, column: 1 } };
const p = (name: string, type: string): Param => ({ name, schema: { type }, optional: false });
const SIGNATURES: Record<string, Param[]> = {
  echo: [p('x', 'object')],
  add: [p('a', 'number'), p('b', 'number')],
  fail: [p('kind', 'string')],
  noisy: [p('n', 'integer')],
  wrap_str: [p('s', 'string'), p('times', 'integer')],
  write_file: [p('path', 'string')],
};

const ALL = [
  'echo',
  'add',
  'fail',
  'noisy',
  'garbage',
  'child_output',
  'read_stdin',
  'panic_now',
  'crash',
  'hang',
  'env_keys',
  'not_a_number',
  'big',
  'wrap_str',
  'try_network',
  'write_file',
  'missing',
];

/**
 * A spec whose interface declares every function with its parameter types (the harness is
 * generated from the interface, so one interface means one compile for every test).
 */
function typed(cases: Parameters<typeof baseSpec>[0]): Spec {
  const s = baseSpec(cases);
  const functions: FunctionDecl[] = ALL.map((name) => ({
    name,
    params: SIGNATURES[name] ?? [],
    returns: {},
    errors: [],
    origin: 'block',
    location: loc,
  }));
  return { ...s, functions };
}

const run = (cases: Parameters<typeof baseSpec>[0], jobs = 1, timeoutMs = 5000) =>
  runConformance(typed(cases), { implDir: DIR, language: 'rust', jobs, timeoutMs });

beforeAll(async () => {
  await run([call('warm', 'add', [1, 2], { value: 3 })]); // compile once (cached for the rest)
}, 600_000);

describe('Rust harness', () => {
  it('captures what the implementation prints (println!, raw fd 1, children) without corrupting the channel', async () => {
    const report = await run([
      call('noisy', 'noisy', [3], { value: 3 }),
      call('garbage', 'garbage', [], { value: 1 }),
      call('child', 'child_output', [], { value: 2 }),
      call('after', 'echo', [{ a: [1, 'x'] }], { value: { a: [1, 'x'] } }),
    ]);
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(report.results[0]!.output).toBe('line 0\nline 1\nline 2\nto stderr, no newline');
    expect(report.results[1]!.output).toBe('this is not a protocol line\n');
    expect(report.results[2]!.output).toBe('from a child process\n');
    expect(report.results[3]!.output).toBeUndefined();
  });

  it('isolates a panic to its case; the same driver goes on', async () => {
    const report = await run([
      call('panic', 'panic_now', [], { value: 1 }),
      call('after', 'add', [1, 1], { value: 2 }),
    ]);
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      actual: { error: { kind: 'Panic', message: 'boom' } },
    });
    expect(report.results[1]!.status).toBe('passed');
  });

  it('a process::exit fails only the case in flight', async () => {
    const report = await run([call('crash', 'crash', [], { value: 1 }), call('after', 'add', [2, 2], { value: 4 })]);
    expect(report.results.map((r) => r.status)).toEqual(['failed', 'passed']);
    expect(report.results[0]!.message).toMatch(/^driver exited with code 3 while running this case/);
  });

  it('times out a hang and serves the next case from a fresh driver', async () => {
    const report = await run(
      [call('hang', 'hang', [], { value: 1 }), call('after', 'add', [1, 2], { value: 3 })],
      1,
      500,
    );
    expect(report.results.map((r) => [r.status, r.message])).toEqual([
      ['failed', 'timed out after 500 ms'],
      ['passed', undefined],
    ]);
  });

  it('gives the implementation /dev/null as stdin, not the requests', async () => {
    const report = await run([
      call('stdin', 'read_stdin', [], { value: '' }),
      call('after', 'add', [1, 2], { value: 3 }),
    ]);
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('does not pass credentials to the implementation', async () => {
    process.env.GHOST_ATTACK_API_TOKEN = 'secret';
    try {
      const report = await run([call('env', 'env_keys', [], { value: [] })]);
      const keys = (report.results[0]!.actual ?? []) as string[];
      expect(keys).toContain('GHOST_IMPL_DIR');
      expect(keys).not.toContain('GHOST_ATTACK_API_TOKEN');
    } finally {
      delete process.env.GHOST_ATTACK_API_TOKEN;
    }
  });

  it('reports error kinds from {:?}, tagged floats and big integers, argument type errors, missing functions', async () => {
    const report = await run([
      call('kind', 'fail', ['InvalidThing'], { error: 'InvalidThing' }),
      call('nan', 'not_a_number', [], { value: Number.NaN }),
      call('big', 'big', [], { value: 2n ** 60n }),
      call('narrow', 'wrap_str', ['a', 300], { error: 'ArgumentTypeError' }),
      call('fits', 'wrap_str', ['a', 2], { value: ['a', 'a'] }),
      call('missing', 'missing', [], { value: 1 }),
    ]);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['kind', 'passed'],
      ['nan', 'passed'],
      ['big', 'passed'],
      ['narrow', 'passed'],
      ['fits', 'passed'],
      ['missing', 'errored'],
    ]);
    expect(report.results[5]!.message).toBe('function not found in implementation: missing');
  });

  it('reports a compile error once, with file:line, and runs no case against it', async () => {
    const dir = path.join(tmp, 'broken');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "broken"\nversion = "0.1.0"\nedition = "2021"\n');
    writeFileSync(
      path.join(dir, 'src/lib.rs'),
      'pub fn add(a: f64, b: f64) -> f64 {\n    let x: u32 = "no";\n    a + b\n}\n',
    );
    const cases = [
      call('secret', 'add', [0, 0], { value: 0 }, { hidden: true }),
      call('one', 'add', [1, 2], { value: 3 }),
      call('two', 'add', [2, 2], { value: 4 }),
    ];
    const report = await runConformance(typed(cases), { implDir: dir });
    expect(report.results.map((r) => r.status)).toEqual(['errored', 'errored', 'errored']);
    // compiled once, reported once as the report's load error (reporters print it once)
    expect(report.loadError?.message).toMatch(/^CompileError: src\/lib\.rs:2:\d+: error\[E0308\]/);
    for (const r of report.results) expect(r.message).toContain(report.loadError!.message);
  }, 300_000);

  const bwrapWorks =
    spawnSync('bwrap', ['--unshare-net', '--ro-bind', '/', '/', '--', 'true'], { stdio: 'ignore' }).status === 0;
  it.runIf(bwrapWorks)(
    '--sandbox: compiles and runs inside bubblewrap, no network, nothing writable (the crate neither)',
    async () => {
      // not under /tmp: the jail's /tmp is a private tmpfs where any write succeeds and vanishes
      const outside = path.join(os.homedir(), '.ghost-rust-sandbox-probe');
      const inside = path.join(DIR, '.ghost-rust-sandbox-probe');
      const cases = [
        call('works', 'add', [1, 2], { value: 3 }),
        call('network', 'try_network', [], { value: 'blocked: NetworkUnreachable' }),
        call('write-outside', 'write_file', [outside], { error: 'WriteFailed' }),
        // the implementation is read-only while cases run: nothing a case learns survives it
        call('write-inside', 'write_file', [inside], { error: 'WriteFailed' }),
      ];
      const report = await runConformance(typed(cases), { implDir: DIR, language: 'rust', sandbox: true, jobs: 1 });
      expect(report.results.map((r) => [r.id, r.status, r.message])).toEqual(
        cases.map((c) => [c.id, 'passed', undefined]),
      );
      expect(existsSync(outside)).toBe(false);
      expect(existsSync(inside)).toBe(false);
    },
    600_000,
  );
});

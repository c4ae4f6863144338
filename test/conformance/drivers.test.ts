// The per-language conformance drivers (conformance/drivers/), spawned directly and spoken to
// in raw protocol v1 (docs/driver-protocol.md): handshake, values and tags, error kinds,
// output capture, name mapping, load failures, hostile implementations.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DRIVERS = path.join(ROOT, 'conformance/drivers');
const MINI = path.join(ROOT, 'fixtures/impls/mini');
const FUNCTIONS = ['add_numbers', 'greet', 'divide', 'byte_length', 'sum_big', 'echo', 'noisy', 'not_there'];

const COMMANDS: Record<string, string[]> = {
  javascript: [process.execPath, path.join(DRIVERS, 'javascript/driver.mjs')],
  python: ['python3', path.join(DRIVERS, 'python/driver.py')],
  java: ['sh', path.join(DRIVERS, 'java/driver.sh')],
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-drivers-'));
const running = new Set<Driver>();
afterAll(() => {
  for (const d of running) d.kill();
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes files (path → content) under a fresh directory in tmp. */
function impl(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

class Driver {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private lines: string[] = [];
  private waiters: Array<(line: string | null) => void> = [];
  private ended = false;
  stderr = '';
  readonly exited: Promise<number | null>;
  private nextId = 1;

  constructor(language: string, dir: string, env: Record<string, string> = {}) {
    const [cmd, ...args] = COMMANDS[language]!;
    this.child = spawn(cmd!, args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GHOST_IMPL_DIR: dir,
        GHOST_ENTRY: '',
        GHOST_FUNCTIONS: JSON.stringify(FUNCTIONS),
        GHOST_NAME_MAP: '{}',
        ...env,
      },
    });
    running.add(this);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const w = this.waiters.shift();
        if (w) w(line);
        else this.lines.push(line);
      }
    });
    this.child.stdout.on('end', () => {
      this.ended = true;
      for (const w of this.waiters.splice(0)) w(null);
    });
    this.child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => {
      running.delete(this);
      resolve(code);
    }));
  }

  /** The next protocol line, parsed (fails on anything that is not one JSON object). */
  async next(timeoutMs = 15_000): Promise<Json> {
    const line = this.lines.length > 0 ? this.lines.shift()! : this.ended ? null : await new Promise<string | null>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no line from driver within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push((l) => {
        clearTimeout(t);
        resolve(l);
      });
    });
    if (line === null) throw new Error(`driver closed stdout; stderr: ${this.stderr}`);
    const msg = JSON.parse(line);
    expect(typeof msg).toBe('object');
    return msg;
  }

  send(raw: string): void {
    this.child.stdin.write(raw + '\n');
  }

  async call(fn: string, args: unknown[]): Promise<Json> {
    const id = this.nextId++;
    this.send(JSON.stringify({ id, fn, args }));
    const r = await this.next();
    expect(r.id).toBe(id);
    return r;
  }

  async value(fn: string, args: unknown[]): Promise<Json> {
    const r = await this.call(fn, args);
    if (!r.ok) throw new Error(`${fn} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  }

  async close(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const HAS_PYTHON = has('python3', '--version');
const HAS_JAVAC = has('javac', '-version') && has('java', '-version');
if (!HAS_JAVAC) console.warn('drivers.test.ts: javac/java not found, skipping the Java driver tests');
if (!HAS_PYTHON) console.warn('drivers.test.ts: python3 not found, skipping the Python driver tests');

const NAN = { $ghost: 'nan' };
const INF = { $ghost: 'inf' };
const NINF = { $ghost: '-inf' };
const BYTES = { $ghost: 'bytes', base64: 'AAEC/w==' };
const big = (value: string) => ({ $ghost: 'bigint', value });

/** The behaviour every correct mini implementation shares, whatever the language. */
async function checkMini(d: Driver): Promise<void> {
  expect(await d.value('add_numbers', [2, 3])).toBe(5);
  expect(await d.value('add_numbers', [0.5, 0.25])).toBe(0.75);
  expect(await d.value('greet', ['World'])).toBe('Hello, World!');
  expect(await d.value('greet', ['Ada', { greeting: 'Hi' }])).toBe('Hi, Ada!');
  expect(await d.value('greet', ['Ada', { shout: true }])).toBe('HELLO, ADA!');
  expect(await d.value('divide', [10, 4])).toBe(2.5);
  const err = await d.call('divide', [1, 0]);
  expect(err).toMatchObject({ ok: false, error: { kind: 'DivisionByZero' } });
  expect(typeof err.error.message).toBe('string');
  expect(await d.value('byte_length', ['héllo €'])).toBe(10);
  expect(await d.value('byte_length', ['😀'])).toBe(4);
  expect(await d.value('sum_big', [1, 2])).toBe(3);
  expect(await d.value('sum_big', [big('9007199254740993'), 1])).toEqual(big('9007199254740994'));
  expect(await d.value('sum_big', [big('123456789012345678901234567890'), big('1')])).toEqual(big('123456789012345678901234567891'));
  const obj = { a: [1, 2.5, 'x', true, null], b: { c: {} } };
  expect(await d.value('echo', [obj])).toEqual(obj);
  expect(await d.value('echo', [NAN])).toEqual(NAN);
  expect(await d.value('echo', [[INF, NINF]])).toEqual([INF, NINF]);
  expect(await d.value('echo', [BYTES])).toEqual(BYTES);
  const plainKeys = JSON.parse('{"__proto__":"x","constructor":1,"hasOwnProperty":[]}');
  expect(Object.keys(await d.value('echo', [plainKeys]))).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
  expect(JSON.stringify(await d.value('echo', [plainKeys]))).toBe(JSON.stringify(plainKeys));
  const text = 'line\nbreak "quoted" é 😀 \u0000 \u2028';
  expect(await d.value('echo', [text])).toBe(text);
  const noisy = await d.call('noisy', [42]);
  expect(noisy).toMatchObject({ ok: true, value: 42 });
  expect(noisy.output).toContain('noisy: 42');
  expect(noisy.output).toContain('noisy: a warning');
  expect(await d.call('not_there', [])).toMatchObject({ ok: false, error: { kind: 'FunctionNotFound' } });
  d.send('this is not json');
  expect(await d.next()).toMatchObject({ id: null, ok: false, error: { kind: 'ProtocolError' } });
  expect(await d.value('echo', ['still alive'])).toBe('still alive');
}

const MINI_NAMES_CAMEL = {
  add_numbers: 'addNumbers',
  greet: 'greet',
  divide: 'divide',
  byte_length: 'byteLength',
  sum_big: 'sumBig',
  echo: 'echo',
  noisy: 'noisy',
};

// ---------------------------------------------------------------- JavaScript / TypeScript

describe('javascript driver', () => {
  it('serves the ESM mini implementation (camelCase exports)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'javascript-esm'));
    expect(await d.next()).toEqual({ ghost: 'driver', protocol: 1, language: 'javascript', entry: 'index.mjs', functions: MINI_NAMES_CAMEL });
    await checkMini(d);
    expect((await d.call('noisy', [1])).output).toContain('raw write');
    expect(await d.close()).toBe(0);
  });

  it('serves CommonJS (package.json main, async functions, error.code kinds)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'javascript-cjs'));
    expect(await d.next()).toMatchObject({ language: 'javascript', entry: path.join('lib', 'mini.js'), functions: MINI_NAMES_CAMEL });
    await checkMini(d);
    expect(await d.close()).toBe(0);
  });

  it('serves TypeScript through tsx (kind from the class name)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'typescript'));
    expect(await d.next()).toMatchObject({ language: 'typescript', entry: 'index.ts', functions: MINI_NAMES_CAMEL });
    await checkMini(d);
    expect(await d.close()).toBe(0);
  });

  it('survives the buggy implementation (process.exit is an error)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'buggy-javascript'));
    expect((await d.next()).functions).toEqual(MINI_NAMES_CAMEL);
    expect(await d.value('divide', [1, 0])).toEqual(INF);
    expect(await d.value('byte_length', ['😀'])).toBe(2);
    expect(await d.value('echo', [[NAN, BYTES]])).toEqual([null, { type: 'Buffer', data: [0, 1, 2, 255] }]);
    const exit = await d.call('noisy', [1]);
    expect(exit).toMatchObject({ ok: false, error: { kind: 'ProcessExit' }, output: 'noisy: 1\n' });
    expect(await d.value('add_numbers', [1, 1])).toBe(2);
    expect(await d.close()).toBe(0);
  });

  it('honours GHOST_NAME_MAP, GHOST_ENTRY and an empty GHOST_FUNCTIONS', async () => {
    const dir = path.join(MINI, 'javascript-esm');
    const d = new Driver('javascript', dir, { GHOST_NAME_MAP: JSON.stringify({ greet: 'echo', byte_length: 'nope' }) });
    const hello = await d.next();
    expect(hello.functions.greet).toBe('echo');
    expect(hello.functions.byte_length).toBe('byteLength'); // a map entry that names nothing falls through
    expect(hello.functions).not.toHaveProperty('not_there');
    expect(await d.value('greet', ['x'])).toBe('x');
    await d.close();
    const all = new Driver('javascript', dir, { GHOST_FUNCTIONS: '', GHOST_ENTRY: 'index.mjs' });
    expect(Object.keys((await all.next()).functions).sort()).toEqual(['DivisionByZero', 'addNumbers', 'byteLength', 'divide', 'echo', 'greet', 'noisy', 'sumBig']);
    await all.close();
  });

  it('reports load failures in the handshake and exits 1', async () => {
    const throws = impl('js-throws', { 'index.mjs': "console.log('loading');\nthrow new RangeError('boom at load');\n" });
    const d = new Driver('javascript', throws);
    expect(await d.next()).toEqual({ ghost: 'driver', protocol: 1, language: 'javascript', error: { kind: 'RangeError', message: 'boom at load (index.mjs:2)' } });
    expect(await d.exited).toBe(1);
    const syntax = impl('js-syntax', { 'index.js': 'export function (' });
    const s = new Driver('javascript', syntax);
    expect((await s.next()).error).toMatchObject({ kind: 'SyntaxError', message: expect.stringMatching(/\(index\.js:1\)$/) });
    expect(await s.exited).toBe(1);
    const nested = impl('js-syntax-nested', { 'index.mjs': "import { x } from './lib/x.mjs';\nexport const f = () => x;\n", 'lib/x.mjs': 'export const x = 1;\nexport const y = ;\n' });
    expect((await new Driver('javascript', nested).next()).error.message).toMatch(/\(lib\/x\.mjs:2\)$/);
    const absent = impl('js-missing-module', { 'index.mjs': "// uses a package that is not installed\nimport left from 'left-pad-not-installed';\nexport const f = left;\n" });
    expect((await new Driver('javascript', absent).next()).error.message).toMatch(/left-pad-not-installed.*\(index\.mjs:2\)$/);
    const missing = new Driver('javascript', impl('js-empty', { 'README.md': 'nothing here' }));
    expect((await missing.next()).error.kind).toBe('EntryNotFound');
    expect(await missing.exited).toBe(1);
  });

  it('keeps the stream clean and the driver alive whatever the implementation does', async () => {
    const dir = impl('js-hostile', {
      'index.mjs': `
import fs from 'node:fs';
export function late() { setTimeout(() => console.log('{"id":999,"ok":true,"value":"late"}'), 5); return 'soon'; }
export function fdWrite() { fs.writeSync(1, '{"id":998}\\n'); fs.writeSync(2, Buffer.from('err\\n')); return 1; }
export function circular() { const a = {}; a.self = a; return a; }
export function fn() { return () => 1; }
export function shapes() {
  return { map: new Map([['k', 1]]), set: new Set([3, 1, 2]), date: new Date(0), u: undefined, arr: [undefined, () => 1],
    big: 2n ** 64n, small: 5n, neg0: -0, typed: new Int16Array([1, -2]), nested: { bytes: new Uint8Array([1, 2]) } };
}
export async function rejects() { await null; throw new TypeError('async no'); }
export async function uncaught() { setTimeout(() => { throw new Error('from a timer'); }, 1); return new Promise(() => {}); }
export function throwsString() { throw 'plain string'; }
export function throwsCoded() { const e = new Error('x'); e.code = 'ERR_SOMETHING'; throw e; }
export class Custom extends TypeError {}
export function throwsCustom() { throw new Custom('sub'); }
export const obj = { method() { return this.field; }, field: 'bound' };
export default { viaDefault(x) { return x + x; } };
export function evil() { JSON.stringify = () => 'garbage'; JSON.parse = () => ({}); process.stdout.write = () => true; return { x: 1 }; }
export function printsAfter() { console.log('captured again'); return 2; }
`,
    });
    const d = new Driver('javascript', dir, { GHOST_FUNCTIONS: JSON.stringify(['late', 'fd_write', 'circular', 'fn', 'shapes', 'rejects', 'uncaught', 'throws_string', 'throws_coded', 'throws_custom', 'via_default', 'method', 'evil', 'prints_after']), GHOST_NAME_MAP: JSON.stringify({ method: 'obj.method' }) });
    const hello = await d.next();
    expect(hello.functions).toMatchObject({ fd_write: 'fdWrite', via_default: 'default.viaDefault', method: 'obj.method' });
    expect(await d.value('late', [])).toBe('soon');
    await new Promise((r) => setTimeout(r, 30));
    expect(await d.call('fd_write', [])).toEqual({ id: 2, ok: true, value: 1, output: '{"id":998}\nerr\n' });
    expect((await d.call('circular', [])).error.kind).toBe('UnserializableResult');
    expect((await d.call('fn', [])).error.kind).toBe('UnserializableResult');
    expect(await d.value('shapes', [])).toEqual({
      map: { k: 1 }, set: [1, 2, 3], date: '1970-01-01T00:00:00.000Z', arr: [null, null],
      big: big('18446744073709551616'), small: 5, neg0: 0, typed: [1, -2], nested: { bytes: { $ghost: 'bytes', base64: 'AQI=' } },
    });
    expect((await d.call('rejects', [])).error).toMatchObject({ kind: 'TypeError', message: 'async no' });
    expect((await d.call('uncaught', [])).error).toMatchObject({ kind: 'Error', message: 'from a timer' });
    expect((await d.call('throws_string', [])).error).toMatchObject({ kind: 'Error', message: 'plain string' });
    expect((await d.call('throws_coded', [])).error.kind).toBe('Error');
    expect((await d.call('throws_custom', [])).error.kind).toBe('Custom');
    expect(await d.value('via_default', [21])).toBe(42);
    expect(await d.value('method', [])).toBe('bound');
    expect(await d.value('evil', [])).toEqual({ x: 1 });
    expect(await d.call('prints_after', [])).toMatchObject({ value: 2, output: 'captured again\n' });
    expect(await d.value('via_default', [{ $ghost: 'bigint', value: '9007199254740993' }])).toEqual(big('18014398509481986'));
    expect(await d.close()).toBe(0);
  });

  it('finds a TypeScript default export transpiled to CommonJS (exports.default)', async () => {
    const dir = impl('ts-default-cjs', {
      'src/util.ts': 'export const twice = (n: number): number => n * 2;\n',
      'src/index.ts': "import { twice } from './util.js';\nexport default { quad(n: number) { return twice(twice(n)); } };\n",
    });
    const d = new Driver('javascript', dir, { GHOST_FUNCTIONS: '["quad"]' });
    expect(await d.next()).toMatchObject({ language: 'typescript', entry: path.join('src', 'index.ts'), functions: { quad: 'default.default.quad' } });
    expect(await d.value('quad', [2])).toBe(8);
    await d.close();
  });

  it('loads CommonJS .js under an enclosing "type": "module"', async () => {
    const dir = impl('js-cjs-under-esm', { 'package.json': '{"type":"module"}', 'sub/index.js': 'exports.hello = () => "hi";' });
    const d = new Driver('javascript', dir, { GHOST_FUNCTIONS: '["hello"]', GHOST_ENTRY: 'sub' });
    expect((await d.next()).functions).toEqual({ hello: 'hello' });
    expect(await d.value('hello', [])).toBe('hi');
    await d.close();
  });
});

// ---------------------------------------------------------------- Python

describe.skipIf(!HAS_PYTHON)('python driver', () => {
  it('serves the mini module (snake_case)', async () => {
    const d = new Driver('python', path.join(MINI, 'python'));
    const names = Object.fromEntries(Object.keys(MINI_NAMES_CAMEL).map((k) => [k, k]));
    expect(await d.next()).toEqual({ ghost: 'driver', protocol: 1, language: 'python', entry: 'mini.py', functions: names });
    await checkMini(d);
    expect((await d.call('noisy', [1])).output).toContain('fd-level write');
    expect(await d.close()).toBe(0);
  });

  it('survives the buggy implementation (sys.exit is an error, its printing is captured)', async () => {
    const d = new Driver('python', path.join(MINI, 'buggy-python'));
    await d.next();
    expect((await d.call('divide', [1, 0])).error.kind).toBe('ZeroDivisionError');
    expect(await d.value('sum_big', [big('9007199254740993'), 1])).toEqual(big('9007199254740992'));
    const exit = await d.call('noisy', [1]);
    expect(exit).toMatchObject({ ok: false, error: { kind: 'SystemExit' }, output: '{"id":0,"ok":true,"value":"not the protocol"}\n' });
    expect(await d.value('echo', [1])).toBe(1);
    expect(await d.close()).toBe(0);
  });

  it('loads packages, maps values and isolates fds 0 and 1', async () => {
    const dir = impl('py-pkg-dir', {
      '__init__.py': 'from .core import *\nfrom .core import Point as _P\n',
      'core.py': `
import asyncio, dataclasses, decimal, os, subprocess, sys
from collections import namedtuple
from enum import Enum

class Color(Enum):
    RED = "red"

@dataclasses.dataclass
class Point:
    x: int
    y: float

Pair = namedtuple("Pair", "left right")

class FakeArray:  # numpy-like
    def tolist(self):
        return [[1, 2], [3, 4]]

class InvalidThing(ValueError):
    pass

def shapes():
    return {"t": (1, 2), "s": {3, 1, 2}, "p": Point(1, 2.5), "n": Pair("a", b"\\x00"), "big": 2**64, "neg": -2**70,
            "d": decimal.Decimal("2.5"), "e": Color.RED, "nan": float("nan"), 1: "int key", "g": (i for i in range(3)),
            "arr": FakeArray()}

def child_output():
    subprocess.run(["echo", "from a child"])
    os.write(2, b"fd 2 is not captured\\n")
    print("to stderr", file=sys.stderr)
    return sys.stdin.read() + os.read(0, 10).decode()

async def later(x):
    await asyncio.sleep(0)
    return x + 1

def raises():
    raise InvalidThing("bad thing")

def key_error():
    return {}["missing"]

def circular():
    a = []
    a.append(a)
    return a

def from_():
    return "keyword"

def camelCased():
    return "camel"

def replace_stdout():
    import io
    sys.stdout = io.StringIO()
    return 1

def prints():
    print("printed")
    return 2
`,
    });
    const d = new Driver('python', dir, {
      GHOST_ENTRY: '.',
      GHOST_FUNCTIONS: JSON.stringify(['shapes', 'child_output', 'later', 'raises', 'key_error', 'circular', 'from', 'camel_cased', 'Point', 'replace_stdout', 'prints', 'absent']),
    });
    const hello = await d.next();
    expect(hello.functions).toEqual({ shapes: 'shapes', child_output: 'child_output', later: 'later', raises: 'raises', key_error: 'key_error', circular: 'circular', from: 'from_', camel_cased: 'camelCased', Point: 'Point', replace_stdout: 'replace_stdout', prints: 'prints' });
    expect(await d.value('shapes', [])).toEqual({
      t: [1, 2], s: [1, 2, 3], p: { x: 1, y: 2.5 }, n: { left: 'a', right: { $ghost: 'bytes', base64: 'AA==' } },
      big: big('18446744073709551616'), neg: big('-1180591620717411303424'), d: 2.5, e: 'red', nan: NAN, '1': 'int key', g: [0, 1, 2], arr: [[1, 2], [3, 4]],
    });
    const child = await d.call('child_output', []);
    expect(child).toMatchObject({ ok: true, value: '' });
    expect(child.output).toContain('from a child');
    expect(child.output).toContain('to stderr');
    expect(await d.value('later', [1])).toBe(2);
    expect((await d.call('raises', [])).error).toMatchObject({ kind: 'InvalidThing', message: 'bad thing' });
    expect((await d.call('key_error', [])).error).toMatchObject({ kind: 'KeyError', message: "'missing'" });
    expect((await d.call('circular', [])).error.kind).toBe('UnserializableResult');
    expect(await d.value('Point', [1, 2])).toEqual({ x: 1, y: 2 });
    expect(await d.value('replace_stdout', [])).toBe(1);
    expect(await d.call('prints', [])).toMatchObject({ value: 2, output: 'printed\n' }); // streams reset per call
    expect(await d.close()).toBe(0);
  });

  it('autodetects a src-layout package from pyproject.toml', async () => {
    const dir = impl('py-src-layout', {
      'pyproject.toml': '[project]\nname = "my-lib"\n',
      'src/my_lib/__init__.py': 'from .impl import add_numbers\n',
      'src/my_lib/impl.py': 'def add_numbers(a, b):\n    return a + b\n',
      'tests/test_impl.py': 'raise SystemExit("tests must not be loaded")\n',
    });
    const d = new Driver('python', dir);
    expect(await d.next()).toMatchObject({ entry: path.join('src', 'my_lib'), functions: { add_numbers: 'add_numbers' } });
    expect(await d.value('add_numbers', [big('9007199254740993'), 2])).toEqual(big('9007199254740995'));
    expect(await d.close()).toBe(0);
  });

  it('honours GHOST_NAME_MAP and reports load failures', async () => {
    const d = new Driver('python', path.join(MINI, 'python'), { GHOST_NAME_MAP: JSON.stringify({ greet: 'echo' }) });
    expect((await d.next()).functions.greet).toBe('echo');
    expect(await d.value('greet', ['x'])).toBe('x');
    await d.close();
    const syntax = new Driver('python', impl('py-syntax', { 'lib.py': 'print("loading")\ndef broken(:\n' }));
    const hello = await syntax.next();
    expect(hello).toMatchObject({ ghost: 'driver', protocol: 1, language: 'python', error: { kind: 'SyntaxError' } });
    expect(hello.error.message).toContain('lib.py:2');
    expect(await syntax.exited).toBe(1);
    const importErr = new Driver('python', impl('py-import', { 'lib.py': '"""a module"""\nimport no_such_module_here\n' }));
    expect((await importErr.next()).error).toMatchObject({ kind: 'ModuleNotFoundError', message: expect.stringMatching(/\(lib\.py:2\)$/) });
    expect(await importErr.exited).toBe(1);
    const exits = new Driver('python', impl('py-exit', { 'lib.py': 'import sys\nsys.exit(4)\n' }));
    expect((await exits.next()).error.kind).toBe('SystemExit');
    expect(await exits.exited).toBe(1);
  });
});

// ---------------------------------------------------------------- Java

describe.skipIf(!HAS_JAVAC)('java driver', () => {
  // One JVM per implementation for the whole file: start-up (and the first compile) is the cost.
  let mini: Driver;
  let buggy: Driver;
  let types: Driver;
  let broken: Driver;
  const typesDir = impl('java-types', {
    'src/main/java/com/example/Types.java': `
package com.example;

import java.math.BigInteger;
import java.util.*;

public class Types {
    public enum Suit { HEARTS, SPADES }
    public record Point(int x, double y, Optional<String> label) {}
    public static class Invalid extends IllegalStateException { public Invalid(String m) { super(m); } }

    public static Point point(Point p) { return new Point(p.x() + 1, p.y() * 2, p.label()); }
    public static int sum(List<Integer> xs) { return xs.stream().mapToInt(Integer::intValue).sum(); }
    public static Map<String, List<Long>> nested(Map<String, List<Long>> m) { return m; }
    public static int[] squares(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i * i; return r; }
    public static Optional<String> maybe(boolean b) { return b ? Optional.of("yes") : Optional.empty(); }
    public static Suit suit(Suit s) { return s == Suit.HEARTS ? Suit.SPADES : Suit.HEARTS; }
    public static Set<String> letters(String s) { Set<String> out = new HashSet<>(); for (char c : s.toCharArray()) out.add(String.valueOf(c)); return out; }
    public static byte[] reverse(byte[] b) { byte[] r = new byte[b.length]; for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i]; return r; }
    public static long huge() { return Long.MAX_VALUE; }
    public static BigInteger factorial(int n) { BigInteger r = BigInteger.ONE; for (int i = 2; i <= n; i++) r = r.multiply(BigInteger.valueOf(i)); return r; }
    public static String pick(String s) { return "string"; }
    public static String pick(long n) { return "long"; }
    public static String pick(double d) { return "double"; }
    public static String pick(String a, String b) { return "two"; }
    public static void nothing() {}
    public static Object fail() { throw new Invalid("no good"); }
    public static Object threadOutput() throws Exception { Thread t = new Thread(() -> System.out.println("from a thread")); t.start(); t.join(); return null; }
    public static List<Object> objects(Object o) { return List.of(o.getClass().getSimpleName()); }
    public static Object anon() { throw new IllegalArgumentException("anon") {}; }
    public static int replaceOut() { System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream())); return 1; }
    public static int prints() { System.out.println("printed"); return 2; }
    public static int halt() { Runtime.getRuntime().halt(5); return 3; }
}
`,
    'src/main/java/com/example/Helper.java': `
package com.example;
public class Helper {
    public static String onlyHere(String s) { return "helper " + s; }
}
`,
    'src/test/java/com/example/TypesTest.java': 'this is not even Java',
  });

  let miniHello: Json;

  // Started while the file is collected, so JVM start-up and javac overlap the other tests.
  async function startJava(): Promise<void> {
    const brokenDir = impl('java-broken', { 'Broken.java': 'public class Broken { int x = ; }\n' });
    mini = new Driver('java', path.join(MINI, 'java'));
    buggy = new Driver('java', path.join(MINI, 'buggy-java'));
    broken = new Driver('java', brokenDir);
    miniHello = await mini.next(45_000);
    // The sandboxed layout: no writable user cache, so the driver's own classes live in the
    // implementation's .ghost-build/ beside the implementation's build (which must not clean
    // them away). Seed it with the build the mini driver just used, to skip a second javac.
    const shared = [path.join(os.homedir(), '.cache/ghost'), path.join(MINI, 'java/.ghost-build')]
      .flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => /^java-driver-\d+$/.test(f)).map((f) => path.join(d, f)) : []))
      .filter((d) => existsSync(path.join(d, 'GhostDriver.class')))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    if (shared[0]) cpSync(shared[0], path.join(typesDir, '.ghost-build', path.basename(shared[0])), { recursive: true });
    types = new Driver('java', typesDir, {
      XDG_CACHE_HOME: '/proc/ghost-no-cache',
      GHOST_ENTRY: 'src/main/java/com/example/Types.java',
      GHOST_FUNCTIONS: JSON.stringify(['point', 'sum', 'nested', 'squares', 'maybe', 'suit', 'letters', 'reverse', 'huge', 'factorial', 'pick', 'nothing', 'fail', 'thread_output', 'objects', 'only_here', 'anon', 'replace_out', 'prints', 'halt', 'absent']),
    });
  }
  const started = HAS_JAVAC ? startJava().then(() => undefined, (e: unknown) => e) : undefined;
  beforeAll(async () => {
    const failure = await started;
    if (failure) throw failure;
  }, 90_000);

  it('serves the mini class (camelCase static methods, overloads by arity)', async () => {
    expect(miniHello).toEqual({ ghost: 'driver', protocol: 1, language: 'java', entry: 'Mini', functions: MINI_NAMES_CAMEL });
    await checkMini(mini);
    expect((await mini.call('greet', [5])).error.kind).toBe('IllegalArgumentException');
    expect(await mini.close()).toBe(0);
  }, 60_000);

  it('survives the buggy class (System.exit is an error; conversions fail cleanly)', async () => {
    await buggy.next(45_000);
    expect((await buggy.call('add_numbers', [0.5, 0.25])).error.kind).toBe('IllegalArgumentException');
    expect(await buggy.value('divide', [1, 0])).toEqual(INF);
    expect(await buggy.value('sum_big', [big('9007199254740993'), 1])).toEqual(big('9007199254740994'));
    expect((await buggy.call('sum_big', [big('123456789012345678901234567890'), 1])).error.kind).toBe('IllegalArgumentException');
    const exit = await buggy.call('noisy', [1]);
    expect(exit).toMatchObject({ ok: false, error: { kind: 'SystemExit' }, output: 'noisy: 1\n' });
    expect(await buggy.value('echo', ['alive'])).toBe('alive');
    expect(await buggy.close()).toBe(0);
  }, 60_000);

  it('converts JSON to declared types and results back (records, collections, enums, bytes)', async () => {
    const hello = await types.next(45_000);
    expect(hello.entry).toBe('com.example.Types');
    expect(hello.functions).toMatchObject({ thread_output: 'threadOutput', only_here: 'Helper.onlyHere' });
    expect(hello.functions).not.toHaveProperty('absent');
    expect(await types.value('point', [{ x: 1, y: 1.5, label: 'p' }])).toEqual({ x: 2, y: 3, label: 'p' });
    expect(await types.value('point', [{ x: 1, y: 1.5 }])).toEqual({ x: 2, y: 3, label: null });
    expect(await types.value('sum', [[1, 2, 3]])).toBe(6);
    expect(await types.value('nested', [{ a: [1, 2], b: [] }])).toEqual({ a: [1, 2], b: [] });
    expect(await types.value('squares', [4])).toEqual([0, 1, 4, 9]);
    expect(await types.value('maybe', [true])).toBe('yes');
    expect(await types.value('maybe', [false])).toBe(null);
    expect(await types.value('suit', ['HEARTS'])).toBe('SPADES');
    expect(await types.value('letters', ['cabba'])).toEqual(['a', 'b', 'c']);
    expect(await types.value('reverse', [BYTES])).toEqual({ $ghost: 'bytes', base64: '/wIBAA==' });
    expect(await types.value('huge', [])).toEqual(big('9223372036854775807'));
    expect(await types.value('factorial', [25])).toEqual(big('15511210043330985984000000'));
    expect(await types.value('pick', ['s'])).toBe('string');
    expect(await types.value('pick', [3])).toBe('long');
    expect(await types.value('pick', [3.5])).toBe('double');
    expect(await types.value('pick', ['a', 'b'])).toBe('two');
    expect(await types.value('nothing', [])).toBe(null);
    expect((await types.call('fail', [])).error).toMatchObject({ kind: 'Invalid', message: 'no good' });
    expect((await types.call('thread_output', [])).output).toBe('from a thread\n');
    expect(await types.value('objects', [{ a: 1 }])).toEqual(['LinkedHashMap']);
    expect(await types.value('objects', [7])).toEqual(['Integer']);
    expect(await types.value('only_here', ['x'])).toBe('helper x');
    expect((await types.call('anon', [])).error.kind).toBe('IllegalArgumentException');
    expect(await types.value('replace_out', [])).toBe(1);
    expect(await types.call('prints', [])).toMatchObject({ value: 2, output: 'printed\n' });
    expect((await types.call('halt', [])).error.kind).toBe('SystemExit');
    expect(await types.close()).toBe(0);
    expect(readdirSync(path.join(typesDir, '.ghost-build')).filter((f) => /^(java-driver|impl)-[0-9a-f]+$/.test(f))).toHaveLength(2);
  }, 60_000);

  it('reports compile errors in the handshake and exits 1', async () => {
    const hello = await broken.next(45_000);
    expect(hello).toMatchObject({ ghost: 'driver', protocol: 1, language: 'java', error: { kind: 'CompileError' } });
    expect(hello.error.message).toContain('Broken.java:1');
    expect(await broken.exited).toBe(1);
  }, 60_000);
});

describe('handshake budget', () => {
  it('is the per-case timeout plus a start-up allowance per language, not a fixed 30 s', async () => {
    const { handshakeTimeoutMs } = await import('../../src/conformance/drivers.js');
    expect(handshakeTimeoutMs('python', 1000)).toBe(11_000);
    expect(handshakeTimeoutMs('javascript', 5000)).toBe(15_000);
    expect(handshakeTimeoutMs('typescript', 5000)).toBe(20_000);
    expect(handshakeTimeoutMs('java', 5000)).toBe(65_000);
    expect(handshakeTimeoutMs('python', 1000, true)).toBe(13_000);
  });
});

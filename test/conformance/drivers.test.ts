// The per-language conformance drivers (conformance/drivers/), spawned directly and spoken to
// in raw protocol v1 (docs/driver-protocol.md): handshake, values and tags, error kinds,
// output capture, name mapping, load failures, hostile implementations. The Java driver
// (javac and a JVM: seconds) is tested in test/integration/conformance/java-driver.test.ts.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BYTES,
  Driver,
  HAS_PYTHON,
  INF,
  MINI,
  MINI_NAMES_CAMEL,
  NAN,
  big,
  checkMini,
  cleanupDrivers,
  impl,
} from './driver-harness.js';

afterAll(cleanupDrivers);

// ---------------------------------------------------------------- JavaScript / TypeScript

describe('javascript driver', () => {
  it('serves the ESM mini implementation (camelCase exports)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'javascript-esm'));
    expect(await d.next()).toEqual({
      ghost: 'driver',
      protocol: 1,
      language: 'javascript',
      entry: 'index.mjs',
      functions: MINI_NAMES_CAMEL,
    });
    await checkMini(d);
    expect((await d.call('noisy', [1])).output).toContain('raw write');
    expect(await d.close()).toBe(0);
  });

  it('serves CommonJS (package.json main, async functions, error.code kinds)', async () => {
    const d = new Driver('javascript', path.join(MINI, 'javascript-cjs'));
    expect(await d.next()).toMatchObject({
      language: 'javascript',
      entry: path.join('lib', 'mini.js'),
      functions: MINI_NAMES_CAMEL,
    });
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
    expect(Object.keys((await all.next()).functions).sort()).toEqual([
      'DivisionByZero',
      'addNumbers',
      'byteLength',
      'divide',
      'echo',
      'greet',
      'noisy',
      'sumBig',
    ]);
    await all.close();
  });

  it('reports load failures in the handshake and exits 1', async () => {
    const throws = impl('js-throws', {
      'index.mjs': "console.log('loading');\nthrow new RangeError('boom at load');\n",
    });
    const d = new Driver('javascript', throws);
    expect(await d.next()).toEqual({
      ghost: 'driver',
      protocol: 1,
      language: 'javascript',
      error: { kind: 'RangeError', message: 'boom at load (index.mjs:2)' },
    });
    expect(await d.exited).toBe(1);
    const syntax = impl('js-syntax', { 'index.js': 'export function (' });
    const s = new Driver('javascript', syntax);
    expect((await s.next()).error).toMatchObject({
      kind: 'SyntaxError',
      message: expect.stringMatching(/\(index\.js:1\)$/),
    });
    expect(await s.exited).toBe(1);
    const nested = impl('js-syntax-nested', {
      'index.mjs': "import { x } from './lib/x.mjs';\nexport const f = () => x;\n",
      'lib/x.mjs': 'export const x = 1;\nexport const y = ;\n',
    });
    expect((await new Driver('javascript', nested).next()).error.message).toMatch(/\(lib\/x\.mjs:2\)$/);
    const absent = impl('js-missing-module', {
      'index.mjs':
        "// uses a package that is not installed\nimport left from 'left-pad-not-installed';\nexport const f = left;\n",
    });
    expect((await new Driver('javascript', absent).next()).error.message).toMatch(
      /left-pad-not-installed.*\(index\.mjs:2\)$/,
    );
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
    const d = new Driver('javascript', dir, {
      GHOST_FUNCTIONS: JSON.stringify([
        'late',
        'fd_write',
        'circular',
        'fn',
        'shapes',
        'rejects',
        'uncaught',
        'throws_string',
        'throws_coded',
        'throws_custom',
        'via_default',
        'method',
        'evil',
        'prints_after',
      ]),
      GHOST_NAME_MAP: JSON.stringify({ method: 'obj.method' }),
    });
    const hello = await d.next();
    expect(hello.functions).toMatchObject({
      fd_write: 'fdWrite',
      via_default: 'default.viaDefault',
      method: 'obj.method',
    });
    expect(await d.value('late', [])).toBe('soon');
    await new Promise((r) => setTimeout(r, 30));
    expect(await d.call('fd_write', [])).toEqual({ id: 2, ok: true, value: 1, output: '{"id":998}\nerr\n' });
    expect((await d.call('circular', [])).error.kind).toBe('UnserializableResult');
    expect((await d.call('fn', [])).error.kind).toBe('UnserializableResult');
    expect(await d.value('shapes', [])).toEqual({
      map: { k: 1 },
      set: [1, 2, 3],
      date: '1970-01-01T00:00:00.000Z',
      arr: [null, null],
      big: big('18446744073709551616'),
      small: 5,
      neg0: 0,
      typed: [1, -2],
      nested: { bytes: { $ghost: 'bytes', base64: 'AQI=' } },
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
    expect(await d.value('via_default', [{ $ghost: 'bigint', value: '9007199254740993' }])).toEqual(
      big('18014398509481986'),
    );
    expect(await d.close()).toBe(0);
  });

  it('finds a TypeScript default export transpiled to CommonJS (exports.default)', async () => {
    const dir = impl('ts-default-cjs', {
      'src/util.ts': 'export const twice = (n: number): number => n * 2;\n',
      'src/index.ts':
        "import { twice } from './util.js';\nexport default { quad(n: number) { return twice(twice(n)); } };\n",
    });
    const d = new Driver('javascript', dir, { GHOST_FUNCTIONS: '["quad"]' });
    expect(await d.next()).toMatchObject({
      language: 'typescript',
      entry: path.join('src', 'index.ts'),
      functions: { quad: 'default.default.quad' },
    });
    expect(await d.value('quad', [2])).toBe(8);
    await d.close();
  });

  it('loads CommonJS .js under an enclosing "type": "module"', async () => {
    const dir = impl('js-cjs-under-esm', {
      'package.json': '{"type":"module"}',
      'sub/index.js': 'exports.hello = () => "hi";',
    });
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
    expect(await d.next()).toEqual({
      ghost: 'driver',
      protocol: 1,
      language: 'python',
      entry: 'mini.py',
      functions: names,
    });
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
    expect(exit).toMatchObject({
      ok: false,
      error: { kind: 'SystemExit' },
      output: '{"id":0,"ok":true,"value":"not the protocol"}\n',
    });
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
      GHOST_FUNCTIONS: JSON.stringify([
        'shapes',
        'child_output',
        'later',
        'raises',
        'key_error',
        'circular',
        'from',
        'camel_cased',
        'Point',
        'replace_stdout',
        'prints',
        'absent',
      ]),
    });
    const hello = await d.next();
    expect(hello.functions).toEqual({
      shapes: 'shapes',
      child_output: 'child_output',
      later: 'later',
      raises: 'raises',
      key_error: 'key_error',
      circular: 'circular',
      from: 'from_',
      camel_cased: 'camelCased',
      Point: 'Point',
      replace_stdout: 'replace_stdout',
      prints: 'prints',
    });
    expect(await d.value('shapes', [])).toEqual({
      t: [1, 2],
      s: [1, 2, 3],
      p: { x: 1, y: 2.5 },
      n: { left: 'a', right: { $ghost: 'bytes', base64: 'AA==' } },
      big: big('18446744073709551616'),
      neg: big('-1180591620717411303424'),
      d: 2.5,
      e: 'red',
      nan: NAN,
      '1': 'int key',
      g: [0, 1, 2],
      arr: [
        [1, 2],
        [3, 4],
      ],
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
    expect(await d.next()).toMatchObject({
      entry: path.join('src', 'my_lib'),
      functions: { add_numbers: 'add_numbers' },
    });
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
    const importErr = new Driver(
      'python',
      impl('py-import', { 'lib.py': '"""a module"""\nimport no_such_module_here\n' }),
    );
    expect((await importErr.next()).error).toMatchObject({
      kind: 'ModuleNotFoundError',
      message: expect.stringMatching(/\(lib\.py:2\)$/),
    });
    expect(await importErr.exited).toBe(1);
    const exits = new Driver('python', impl('py-exit', { 'lib.py': 'import sys\nsys.exit(4)\n' }));
    expect((await exits.next()).error.kind).toBe('SystemExit');
    expect(await exits.exited).toBe(1);
  });
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

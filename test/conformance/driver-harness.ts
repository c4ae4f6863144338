// A raw protocol-v1 client for the per-language drivers (conformance/drivers/), shared by
// test/conformance/drivers.test.ts (JavaScript, Python) and the Java driver's integration test.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DRIVERS = path.join(ROOT, 'conformance/drivers');
export const MINI = path.join(ROOT, 'fixtures/impls/mini');
export const FUNCTIONS = ['add_numbers', 'greet', 'divide', 'byte_length', 'sum_big', 'echo', 'noisy', 'not_there'];

export const COMMANDS: Record<string, string[]> = {
  javascript: [process.execPath, path.join(DRIVERS, 'javascript/driver.mjs')],
  python: ['python3', path.join(DRIVERS, 'python/driver.py')],
  java: ['sh', path.join(DRIVERS, 'java/driver.sh')],
};

export const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-drivers-'));
const running = new Set<Driver>();
/** For each test file's afterAll: kill what is still running, remove the temp files. */
export function cleanupDrivers(): void {
  for (const d of running) d.kill();
  rmSync(tmp, { recursive: true, force: true });
}

/** Writes files (path → content) under a fresh directory in tmp. */
export function impl(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Driver {
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
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        running.delete(this);
        resolve(code);
      }),
    );
  }

  /** The next protocol line, parsed (fails on anything that is not one JSON object). */
  async next(timeoutMs = 15_000): Promise<Json> {
    const line =
      this.lines.length > 0
        ? this.lines.shift()!
        : this.ended
          ? null
          : await new Promise<string | null>((resolve, reject) => {
              const t = setTimeout(
                () => reject(new Error(`no line from driver within ${timeoutMs} ms; stderr: ${this.stderr}`)),
                timeoutMs,
              );
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

export const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
export const HAS_PYTHON = has('python3', '--version');
export const HAS_JAVAC = has('javac', '-version') && has('java', '-version');
if (!HAS_JAVAC) console.warn('driver tests: javac/java not found, skipping the Java driver tests');
if (!HAS_PYTHON) console.warn('driver tests: python3 not found, skipping the Python driver tests');

export const NAN = { $ghost: 'nan' };
export const INF = { $ghost: 'inf' };
export const NINF = { $ghost: '-inf' };
export const BYTES = { $ghost: 'bytes', base64: 'AAEC/w==' };
export const big = (value: string) => ({ $ghost: 'bigint', value });

/** The behaviour every correct mini implementation shares, whatever the language. */
export async function checkMini(d: Driver): Promise<void> {
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
  expect(await d.value('sum_big', [big('123456789012345678901234567890'), big('1')])).toEqual(
    big('123456789012345678901234567891'),
  );
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

export const MINI_NAMES_CAMEL = {
  add_numbers: 'addNumbers',
  greet: 'greet',
  divide: 'divide',
  byte_length: 'byteLength',
  sum_big: 'sumBig',
  echo: 'echo',
  noisy: 'noisy',
};

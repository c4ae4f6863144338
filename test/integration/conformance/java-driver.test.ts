// The Java driver (conformance/drivers/java), spawned directly and spoken to in raw protocol v1:
// javac on first start and a JVM per driver, so seconds, not milliseconds.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BYTES,
  Driver,
  HAS_JAVAC,
  INF,
  MINI,
  MINI_NAMES_CAMEL,
  big,
  checkMini,
  cleanupDrivers,
  impl,
  type Json,
} from '../../conformance/driver-harness.js';

afterAll(cleanupDrivers);

// ---------------------------------------------------------------- Java

describe.skipIf(!HAS_JAVAC)('java driver', () => {
  // One JVM per implementation for the whole file: start-up (and the first compile) is the cost.
  let mini: Driver;
  let buggy: Driver;
  let types: Driver;
  let seeded: string | undefined;
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
      .flatMap((d) =>
        existsSync(d)
          ? readdirSync(d)
              .filter((f) => /^java-driver-\d+$/.test(f))
              .map((f) => path.join(d, f))
          : [],
      )
      .filter((d) => existsSync(path.join(d, 'GhostDriver.class')))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    if (shared[0])
      cpSync(shared[0], path.join(typesDir, '.ghost-build', path.basename(shared[0])), { recursive: true });
    seeded = shared[0] ? path.basename(shared[0]) : undefined;
    types = new Driver('java', typesDir, {
      XDG_CACHE_HOME: '/proc/ghost-no-cache',
      GHOST_ENTRY: 'src/main/java/com/example/Types.java',
      GHOST_FUNCTIONS: JSON.stringify([
        'point',
        'sum',
        'nested',
        'squares',
        'maybe',
        'suit',
        'letters',
        'reverse',
        'huge',
        'factorial',
        'pick',
        'nothing',
        'fail',
        'thread_output',
        'objects',
        'only_here',
        'anon',
        'replace_out',
        'prints',
        'halt',
        'absent',
      ]),
    });
  }
  const started = HAS_JAVAC
    ? startJava().then(
        () => undefined,
        (e: unknown) => e,
      )
    : undefined;
  beforeAll(async () => {
    const failure = await started;
    if (failure) throw failure;
  }, 90_000);

  it('serves the mini class (camelCase static methods, overloads by arity)', async () => {
    expect(miniHello).toEqual({
      ghost: 'driver',
      protocol: 1,
      language: 'java',
      entry: 'Mini',
      functions: MINI_NAMES_CAMEL,
    });
    await checkMini(mini);
    expect((await mini.call('greet', [5])).error.kind).toBe('IllegalArgumentException');
    expect(await mini.close()).toBe(0);
  }, 60_000);

  it('survives the buggy class (System.exit is an error; conversions fail cleanly)', async () => {
    await buggy.next(45_000);
    expect((await buggy.call('add_numbers', [0.5, 0.25])).error.kind).toBe('IllegalArgumentException');
    expect(await buggy.value('divide', [1, 0])).toEqual(INF);
    expect(await buggy.value('sum_big', [big('9007199254740993'), 1])).toEqual(big('9007199254740994'));
    expect((await buggy.call('sum_big', [big('123456789012345678901234567890'), 1])).error.kind).toBe(
      'IllegalArgumentException',
    );
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
    // The implementation's build must not clean away the driver classes beside it. (Another
    // checkout's driver version may be newest in a shared ~/.cache/ghost, so the driver may
    // have built its own too: count what survived, not how many there are.)
    const left = readdirSync(path.join(typesDir, '.ghost-build'));
    if (seeded) expect(left).toContain(seeded);
    expect(left.filter((f) => /^impl-[0-9a-f]+$/.test(f))).toHaveLength(1);
    expect(left.filter((f) => /^java-driver-[0-9a-f]+$/.test(f)).length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('reports compile errors in the handshake and exits 1', async () => {
    const hello = await broken.next(45_000);
    expect(hello).toMatchObject({ ghost: 'driver', protocol: 1, language: 'java', error: { kind: 'CompileError' } });
    expect(hello.error.message).toContain('Broken.java:1');
    expect(await broken.exited).toBe(1);
  }, 60_000);
});

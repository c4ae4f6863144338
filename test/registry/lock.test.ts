// ghost.lock: stable bytes whatever the insertion order; malformed files fail with a position.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLock, readLock, stringifyLock, type Lock } from '../../src/registry/index.js';

const h = (c: string) => c.repeat(64);
const entry = (files: Record<string, string>) => ({
  source: 'path:x',
  version: '1.0.0',
  integrity: `sha256-${h('a')}`,
  spec: 'specs/x/x.md',
  files,
});

describe('ghost.lock', () => {
  it('serialises with sorted libraries and files, fixed field order, 2 spaces and a final newline', async () => {
    const a: Lock = { lockVersion: 1, libraries: { zed: entry({ 'b.md': h('1'), 'a.md': h('2') }), alpha: entry({}) } };
    const b: Lock = { libraries: { alpha: entry({}), zed: entry({ 'a.md': h('2'), 'b.md': h('1') }) }, lockVersion: 1 };
    const text = stringifyLock(a);
    expect(text).toBe(stringifyLock(b));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"alpha"')).toBeLessThan(text.indexOf('"zed"'));
    expect(text.indexOf('"a.md"')).toBeLessThan(text.indexOf('"b.md"'));
    expect(text).toContain('\n  "libraries": {\n    "alpha": {\n      "source": "path:x",');
    expect(await parseLock(text, 'ghost.lock')).toEqual(JSON.parse(text));
  });

  it('points at the line and column of a JSON syntax error', async () => {
    await expect(parseLock('{\n  "lockVersion": 1,\n  "libraries": {,}\n}\n', 'ghost.lock')).rejects.toThrow(
      /^ghost\.lock:3:17: not valid JSON/,
    );
  });

  it('points at the offending value of a schema error', async () => {
    const bad = JSON.stringify({ lockVersion: 1, libraries: { x: { ...entry({ 'x.md': 'nothex' }) } } }, null, 2);
    const err = await parseLock(bad, 'ghost.lock').catch((e: Error) => e);
    expect(String(err)).toMatch(/ghost\.lock:10:17: \/libraries\/x\/files\/x\.md must match pattern/);
    const extra = JSON.stringify({ lockVersion: 1, libraries: {}, extra: true }, null, 2);
    await expect(parseLock(extra, 'ghost.lock')).rejects.toThrow(/must NOT have additional properties \(extra\)/);
    await expect(parseLock('{"lockVersion": 2, "libraries": {}}', 'ghost.lock')).rejects.toThrow(
      /lockVersion must be equal to constant/,
    );
  });

  it('reads a missing lock as empty, unless it must exist', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ghost-lock-'));
    try {
      expect(await readLock(path.join(dir, 'ghost.lock'))).toEqual({ lockVersion: 1, libraries: {} });
      await expect(readLock(path.join(dir, 'ghost.lock'), { mustExist: true })).rejects.toThrow(/no such lock file/);
      await writeFile(path.join(dir, 'ghost.lock'), '[]');
      await expect(readLock(path.join(dir, 'ghost.lock'))).rejects.toThrow(/malformed lock file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

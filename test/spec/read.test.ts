// Input reading: every way of pointing at the wrong file is a UserError (exit 2). The 1 MB
// spec lives in test/integration/spec/large-spec.test.ts (seconds, not milliseconds).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { UserError } from '../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'ghost-read-'));

async function failure(file: string): Promise<UserError> {
  const error = await loadSpec(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('reading a spec', () => {
  it('rejects a missing file', async () => {
    const e = await failure(join(tmp, 'nope.md'));
    expect(e.message).toMatch(/no such file/);
    expect(e.exitCode).toBe(2);
  });

  it('rejects a directory', async () => {
    const d = join(tmp, 'adir');
    mkdirSync(d);
    expect((await failure(d)).message).toMatch(/is a directory/);
  });

  it('rejects a binary file', async () => {
    const f = join(tmp, 'binary.md');
    writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    expect((await failure(f)).message).toMatch(/binary/);
  });

  it('rejects non-UTF-8 text', async () => {
    const f = join(tmp, 'latin1.md');
    writeFileSync(f, Buffer.from('# caf\xe9\n', 'latin1'));
    expect((await failure(f)).message).toMatch(/not valid UTF-8/);
  });

  it('rejects empty and whitespace-only files', async () => {
    const empty = join(tmp, 'empty.md');
    writeFileSync(empty, '');
    expect((await failure(empty)).message).toMatch(/is empty/);
    const blank = join(tmp, 'blank.md');
    writeFileSync(blank, '\n  \n\t\n');
    expect((await failure(blank)).message).toMatch(/empty/);
  });

  it('rejects a missing --tests file', async () => {
    const f = join(tmp, 'ok.md');
    writeFileSync(f, '# ok\n');
    expect((await failure2(() => loadSpec(f, { tests: [join(tmp, 'missing.yaml')] }))).message).toMatch(/--tests/);
  });

  it('accepts a UTF-8 BOM and CRLF line endings', async () => {
    const f = join(tmp, 'crlf.md');
    writeFileSync(
      f,
      '\ufeff---\r\nname: crlf\r\nversion: 1.0.0\r\n---\r\n\r\n# crlf\r\n\r\n### neg(x: number) -> number\r\n',
    );
    const { spec } = await loadSpec(f);
    expect(spec.meta.name).toBe('crlf');
    expect(spec.functions.map((fn) => fn.name)).toEqual(['neg']);
  });
});

async function failure2(run: () => Promise<unknown>): Promise<UserError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

// A fuzzer's inputs may kill a healthy driver again and again, each death a finding. The
// session gave up after 50 deaths in all, so `ghost fuzz` died with DriverLoadError on an
// implementation that crashes on one kind of input (the bench saw it on Ruby and a lone
// surrogate). Now only 50 deaths in a row, with no call run between, give up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openImplementation } from '../../../src/conformance/index.js';
import { call, spec } from '../../conformance/helpers.js';

describe('a session whose driver some inputs kill', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-restarts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every call, however many times the driver died before', async () => {
    writeFileSync(
      path.join(dir, 'index.mjs'),
      "export function echo(x) { if (x === 'die') process.kill(process.pid, 'SIGKILL'); return x; }\n",
    );
    writeFileSync(path.join(dir, 'ghost.json'), JSON.stringify({ language: 'javascript', entry: 'index.mjs' }));
    const s = openImplementation(spec([call('echo-x', 'echo', ['x'], { value: 'x' })]), dir, {
      isolation: 'none',
      timeoutMs: 5000,
    });
    try {
      for (let i = 0; i < 60; i++) {
        expect(await s.call('echo', ['die'])).toMatchObject({ type: 'failure', reason: 'crash' });
        expect(await s.call('echo', [`ok${i}`])).toEqual({ type: 'response', outcome: { ok: true, value: `ok${i}` } });
      }
    } finally {
      await s.close();
    }
  }, 120_000);
});

// An implementation that never finishes loading is stopped after --timeout plus the language's
// start-up allowance (src/conformance/drivers.ts), not a fixed 30 s: seconds, so not a unit test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../../src/conformance/index.js';
import { call, spec } from '../../conformance/helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-import-hang-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('an implementation that hangs at import', () => {
  it('errors every case once the handshake budget (timeout + allowance) is spent', async () => {
    const dir = path.join(tmp, 'js');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.mjs'), 'export function add(a, b) { return a + b; }\nwhile (true) {}\n');
    const cases = [call('a', 'add', [1, 2], { value: 3 }), call('b', 'add', [2, 2], { value: 4 })];
    const report = await runConformance(spec(cases), { implDir: dir, timeoutMs: 300, jobs: 1, isolation: 'none' });
    expect(report.results.map((r) => r.status)).toEqual(['errored', 'errored']);
    // --timeout 300 ms + JavaScript's 10 s start-up allowance (the jail adds 2 s more)
    expect(report.loadError?.message).toBe('driver sent no handshake within 10300 ms');
  });
});

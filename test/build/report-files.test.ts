import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGateOutcomes, writeGateOutcomes } from '../../src/build/report-files.js';

describe('per-case gate results on disk', () => {
  it('are only the build’s own: files an agent planted are removed, a broken one is skipped on reading', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ghost-gate-files-'));
    mkdirSync(path.join(dir, '.ghost/gate'), { recursive: true });
    writeFileSync(path.join(dir, '.ghost/gate/round-7.json'), '[{"id":"fake","status":"passed"}]');
    writeFileSync(path.join(dir, '.ghost/gate/round-8.json'), '{ not json');
    expect([...(await readGateOutcomes(dir)).keys()]).toEqual([7]);

    await writeGateOutcomes(
      dir,
      new Map([[1, [{ id: 'a', requirements: [], hidden: true, status: 'failed' as const }]]]),
    );
    expect(existsSync(path.join(dir, '.ghost/gate/round-7.json'))).toBe(false);
    const gates = await readGateOutcomes(dir);
    expect([...gates.keys()]).toEqual([1]);
    expect(gates.get(1)).toEqual([{ id: 'a', requirements: [], hidden: true, status: 'failed' }]);
  });
});

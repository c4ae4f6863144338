// ghost's own build state (next to the repo): the lock and the checkpoint, on plain files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock, readCheckpoint, statePaths, writeCheckpoint } from '../../src/build/state.js';
import type { BuildState } from '../../src/build/types.js';

const out = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ghost-state-')), 'out');
const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
const STATE: BuildState = {
  stateVersion: 1,
  spec: { name: 'roman', hash: 'a'.repeat(64), file: 'roman.md' },
  language: 'python',
  planHash: 'p',
  providers: { implementer: { name: 'scripted', model: 'm' }, reviewer: { name: 'scripted', model: 'm' } },
  scaffoldCommit: 'c'.repeat(40),
  tasks: [],
  rounds: [],
  usage: { implementer: usage, reviewer: usage },
  startedAt: new Date(0).toISOString(),
  wallMs: 0,
  status: 'running',
  reasons: [],
};

describe('the build lock', () => {
  it('lives next to the repo; a live holder is refused by pid, and released it can be taken again', async () => {
    const o = out();
    expect(statePaths(o).dir).toBe(path.join(path.dirname(o), '.out.ghost-state'));
    const release = await acquireBuildLock(o);
    await expect(acquireBuildLock(o)).rejects.toThrow(`pid ${process.pid}`);
    release();
    (await acquireBuildLock(o))();
  });

  it('takes over the lock of a holder that is gone (kill -9) or a garbled one', async () => {
    const o = out();
    mkdirSync(statePaths(o).dir, { recursive: true });
    const gone = spawnSync('true').pid;
    writeFileSync(statePaths(o).lockFile, JSON.stringify({ pid: gone, host: os.hostname(), since: 'then' }));
    const release = await acquireBuildLock(o);
    expect(JSON.parse(readFileSync(statePaths(o).lockFile, 'utf8')).pid).toBe(process.pid);
    release();
    writeFileSync(statePaths(o).lockFile, 'not json');
    (await acquireBuildLock(o))();
  });
});

describe('the checkpoint', () => {
  it('round-trips; none yet is undefined', async () => {
    const o = out();
    expect(await readCheckpoint(o)).toBeUndefined();
    await writeCheckpoint(o, 'b'.repeat(40), STATE);
    expect(await readCheckpoint(o)).toMatchObject({ head: 'b'.repeat(40), state: { spec: { name: 'roman' } } });
  });

  it('a corrupt one is a user error naming the file and what is wrong', async () => {
    const o = out();
    await writeCheckpoint(o, 'b'.repeat(40), STATE);
    const file = statePaths(o).stateFile;
    const good = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const cases: Array<[string, RegExp]> = [
      ['{"checkpointVersion": 1, "head":', /not JSON/],
      [JSON.stringify({ ...good, head: '' }), /head is not a commit id/],
      [JSON.stringify({ ...good, state: { ...STATE, tasks: 'x' } }), /state\/tasks must be array/],
      [JSON.stringify({ ...good, state: { ...STATE, status: 'accepted!' } }), /state\/status/],
      ['[]', /unknown checkpointVersion/],
    ];
    for (const [text, why] of cases) {
      writeFileSync(file, text);
      const err = await readCheckpoint(o).then(
        () => undefined,
        (e: Error & { exitCode?: number }) => e,
      );
      expect(err?.message).toContain(file);
      expect(err?.message).toMatch(why);
      expect(err?.exitCode).toBe(2);
    }
  });
});

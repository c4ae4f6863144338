// Reviewers cannot change the code, with every provider: ghost's own reviewer tools have no
// write, and whatever an agent CLI reviewer changes anyway is recorded and thrown away.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecProvider } from '../../src/build/agents/index.js';
import type { Provider } from '../../src/build/agents/types.js';
import { runBuild } from '../../src/build/index.js';
import { probeJail } from '../../src/process/index.js';
import {
  ROMAN_PY,
  romanBuildOptions,
  romanTaskSessions,
  scripted,
  session,
  call,
  verdict,
  tmpDir,
} from '../build/support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a reviewer that tries to write', () => {
  it('is refused by ghost’s own tools (scripted / openai): the tool does not exist for reviewers', async () => {
    const out = tmpDir();
    dirs.push(out);
    const provider = scripted([
      ...romanTaskSessions(ROMAN_PY),
      session('reviewer', 'review-1'),
      call('write_file', { path: 'roman.py', content: 'def to_roman(n):\n    return "reviewer-was-here"\n' }),
      verdict('approve'),
    ]);
    const report = await runBuild(await romanBuildOptions(out, provider));
    expect(report.status).toBe('accepted');
    expect(report.rounds[0]?.review?.discardedEdits).toBeUndefined();
    expect(readFileSync(path.join(out, 'roman.py'), 'utf8')).toBe(ROMAN_PY);
  });

  it('has its edits recorded and discarded when an agent CLI gets through anyway', async () => {
    const out = tmpDir();
    dirs.push(out);
    // A reviewer CLI with no sandbox of its own: a command that writes, then answers.
    const script = path.join(out, '..', `reviewer-${path.basename(out)}.mjs`);
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync('roman.py', 'x = 1\\n');\nconsole.log(JSON.stringify({ decision: 'approve', findings: [] }));\n`,
    );
    dirs.push(script);
    const implementer = scripted(romanTaskSessions(ROMAN_PY));
    // Unjailed on purpose: in the agent jail a reviewer's repo is read-only and the write fails.
    const reviewer: Provider = new ExecProvider({ command: ['node', script], isolation: 'none' });
    const opts = await romanBuildOptions(out, implementer, { reviewer });
    const report = await runBuild(opts);
    expect(report.rounds[0]?.review?.discardedEdits).toEqual(['roman.py']);
    expect(readFileSync(path.join(out, 'roman.py'), 'utf8')).toBe(ROMAN_PY);
    expect(report.status).toBe('accepted');
  });

  it('cannot write at all inside the agent jail: the repo is read-only for reviewers', async () => {
    if (!probeJail().ok) return; // no bubblewrap here: the unjailed case above is what applies
    const out = tmpDir();
    dirs.push(out);
    const script = path.join(out, '..', `reviewer-jailed-${path.basename(out)}.mjs`);
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';\ntry { writeFileSync('roman.py', 'x = 1\\n'); } catch {}\nconsole.log(JSON.stringify({ decision: 'approve', findings: [] }));\n`,
    );
    dirs.push(script);
    const implementer = scripted(romanTaskSessions(ROMAN_PY));
    const reviewer: Provider = new ExecProvider({ command: ['node', script] });
    const report = await runBuild(await romanBuildOptions(out, implementer, { reviewer }));
    expect(report.rounds[0]?.review?.discardedEdits).toBeUndefined();
    expect(readFileSync(path.join(out, 'roman.py'), 'utf8')).toBe(ROMAN_PY);
  });
});

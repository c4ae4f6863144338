// `ghost build --lang rust` follows the plan to ACCEPTED for every spec in specs/. The agent is
// a script written here from the Rust reference (fixtures/impls/<spec>/rust), not a model:
// the scaffold session writes the crate into the layout the plan names, every other task
// runs the visible cases, the reviewer approves. Everything else (scaffold commit, jail,
// harness compile, gate with hidden cases) runs for real.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { makePlan } from '../../src/plan/index.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const specs = readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.md'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-rust-builds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The reference crate's files, as the implementer writes them (the plan's ghost.json stays). */
function crateFiles(dir: string, rel = ''): Array<[string, string]> {
  return readdirSync(path.join(dir, rel)).flatMap((name): Array<[string, string]> => {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, r)).isDirectory()) return name.startsWith('.') ? [] : crateFiles(dir, r);
    return name === 'ghost.json' || name === 'BUGS.md' ? [] : [[r, readFileSync(path.join(dir, r), 'utf8')]];
  });
}

describe.each(specs)('%s in Rust', (file) => {
  it('is ACCEPTED following the plan', async () => {
    const specPath = path.join(ROOT, 'specs', file);
    const { spec } = await loadSpec(specPath);
    const plan = makePlan(spec, { language: 'rust' });
    const line = (o: unknown) => JSON.stringify(o);
    const call = (name: string, args: unknown) => line({ type: 'tool_calls', calls: [{ name, arguments: args }] });
    const files = crateFiles(path.join(ROOT, 'fixtures/impls', spec.meta.name, 'rust'));
    const script = [
      '# Scripted in test/acceptance/rust-builds.test.ts from the Rust reference (not a model).',
      ...plan.tasks.flatMap((task, i) => [
        line({ type: 'session', role: 'implementer', task: task.id }),
        ...(i === 0
          ? [call('list_files', {}), ...files.map(([p, content]) => call('write_file', { path: p, content }))]
          : [call('run_conformance', {})]),
        call('finish', { summary: i === 0 ? 'the crate, in the layout ghost.json names' : 'visible cases pass' }),
      ]),
      line({ type: 'session', role: 'reviewer' }),
      call('list_files', {}),
      line({ type: 'message', content: JSON.stringify({ decision: 'approve', findings: [] }) }),
    ];
    const session = path.join(tmp, `${spec.meta.name}.jsonl`);
    writeFileSync(session, `${script.join('\n')}\n`);
    const out = path.join(tmp, spec.meta.name);
    const run = await runCli([
      'build',
      specPath,
      '--lang',
      'rust',
      '--provider',
      'scripted',
      '--session',
      session,
      '--out',
      out,
    ]);
    expect(run.stdout, run.stderr.slice(-2000)).toMatch(/^ACCEPTED/);
    expect(run.stdout).toMatch(new RegExp(`conformance: ${spec.cases.length}/${spec.cases.length} cases pass`));
    expect(run.code).toBe(0);
  }, 600_000);
});

// A CI matrix in miniature: `ghost test --shard i/n --reporter json -o …` per "machine", then
// `ghost merge-reports`: the union of the shards is the whole suite, in spec order, once each.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import type { ConformanceReport } from '../../src/conformance/index.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPEC = path.join(ROOT, 'specs/semver.md');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-shards-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as ConformanceReport;

describe('ghost test --shard + ghost merge-reports', () => {
  it.each([
    ['python', 'fixtures/impls/semver/python'],
    ['rust', 'fixtures/impls/semver/buggy-rust'],
  ])(
    '%s: shards cover every case once; the merge is the unsharded run',
    async (_lang, impl) => {
      const { spec } = await loadSpec(SPEC);
      const files: string[] = [];
      for (const i of [1, 2, 3]) {
        const file = path.join(tmp, `${path.basename(impl)}-${i}.json`);
        const run = await runCli([
          'test',
          SPEC,
          '--impl',
          path.join(ROOT, impl),
          '--shard',
          `${i}/3`,
          '--reporter',
          'json',
          '-o',
          file,
        ]);
        expect(run.code === 0 || run.code === 1).toBe(true);
        expect(read(file).shard).toEqual({ index: i, count: 3 });
        files.push(file);
      }
      const ids = files.flatMap((f) => read(f).results.map((r) => r.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(spec.cases.map((c) => c.id).sort());

      const merged = path.join(tmp, `${path.basename(impl)}-merged.json`);
      const m = await runCli(['merge-reports', files[2]!, files[0]!, files[1]!, '--reporter', 'json', '-o', merged]);
      const report = read(merged);
      expect(report.results.map((r) => r.id)).toEqual(spec.cases.map((c) => c.id));
      expect(m.code).toBe(report.passed === report.total ? 0 : 1);

      const whole = path.join(tmp, `${path.basename(impl)}-whole.json`);
      await runCli(['test', SPEC, '--impl', path.join(ROOT, impl), '--reporter', 'json', '-o', whole]);
      const statuses = (r: ConformanceReport) => r.results.map((x) => `${x.id}:${x.status}`);
      expect(statuses(report)).toEqual(statuses(read(whole)));
    },
    300_000,
  );

  it('renders the merge as JUnit and refuses an incomplete or foreign set (exit 2)', async () => {
    const py = (i: number) => path.join(tmp, `python-${i}.json`);
    const junit = await runCli(['merge-reports', py(1), py(2), py(3), '--reporter', 'junit']);
    expect(junit.code).toBe(0);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toContain('tests="125"');

    const partial = await runCli(['merge-reports', py(1), py(3)]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('missing 2/3');

    const mixed = await runCli(['merge-reports', py(1), path.join(tmp, 'buggy-rust-2.json'), py(3)]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('target rust differs from');
  });
});

// Acceptance of the shipped content: every spec in specs/ against every implementation in
// fixtures/impls/<spec>/: the hand-written references must pass every case (hidden ones too)
// in each language (Python, JavaScript, Java, Go, Ruby), and each buggy variant must fail
// exactly the cases its BUGS.md lists. Slow (Java and Go compile, ~40 suites), so it runs as `npm run test:acceptance`, not `npm test`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { detectImplementation, runConformance } from '../../src/conformance/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const specs = readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.md'));

function expectedFailures(dir: string): string[] {
  const text = readFileSync(path.join(dir, 'BUGS.md'), 'utf8');
  const block = /```\n([\s\S]*?)```/.exec(text);
  if (!block) throw new Error(`${dir}/BUGS.md lists no failing case ids in a fenced block`);
  return block[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

describe.each(specs)('%s', (file) => {
  const name = file.replace(/\.md$/, '');
  const implRoot = path.join(ROOT, 'fixtures/impls', name);
  const impls = existsSync(implRoot)
    ? readdirSync(implRoot)
        .filter((d) => !d.includes('.'))
        .sort()
    : [];

  it('ships reference implementations in five languages', () => {
    expect(impls.filter((d) => !d.startsWith('buggy-'))).toEqual(
      expect.arrayContaining(['go', 'java', 'javascript', 'python', 'ruby']),
    );
  });

  it.each(impls)('%s is detected as the language its directory names', (impl) => {
    const lang = impl.replace(/^buggy-/, '');
    expect(detectImplementation(path.join(implRoot, impl)).language).toBe(lang);
  });

  it('ships a Rust reference (Cargo.toml + src/lib.rs, or a program)', () => {
    expect(impls).toContain('rust');
  });

  it.each(impls)(
    '%s',
    async (impl) => {
      const { spec, diagnostics } = await loadSpec(path.join(ROOT, 'specs', file));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const dir = path.join(implRoot, impl);
      const report = await runConformance(spec, { implDir: dir, timeoutMs: 20_000 });
      const failed = report.results
        .filter((r) => r.status !== 'passed')
        .map((r) => r.id)
        .sort();
      if (impl.startsWith('buggy-')) expect(failed).toEqual(expectedFailures(dir));
      else expect(failed, report.results.find((r) => r.status !== 'passed')?.message).toEqual([]);
      expect(report.total).toBe(spec.cases.length);
    },
    120_000,
  );
});

// Plan-following builds in every language with reference implementations: for every spec, a
// scripted implementer (not a model) writes the reference implementation exactly where the
// plan's scaffold task says, the paths derived at run time from plan.json's ghost.json, and the
// build must be ACCEPTED by the full conformance gate (hidden cases included). Catches a plan, a
// scaffold and a detection that disagree (Rust: test/acceptance/rust-builds.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import { makePlan, type Plan } from '../../src/plan/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { buildOptionsFor } from '../support/build-options.js';
import { finish, scripted, session, tmpDir, verdict, write } from '../build/support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const specs = readdirSync(path.join(ROOT, 'specs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''));

/** The ghost.json the plan's scaffold task shows the implementer. */
function plannedManifest(plan: Plan): { entry?: string; build?: string[]; command?: string[] } {
  const block = /```json\n(.*)\n```/.exec(plan.tasks[0]!.text);
  if (!block) throw new Error('the scaffold task shows no ghost.json');
  return JSON.parse(block[1]!) as { entry?: string; build?: string[]; command?: string[] };
}

/** Reference files (path → content) placed where the planned manifest points. */
function placed(name: string, language: string, plan: Plan): Record<string, string> {
  // TypeScript libraries: the JavaScript reference is valid TypeScript for tsx (which does not
  // type-check); the CLI spec has a TypeScript reference of its own
  const ts = language === 'typescript' && existsSync(path.join(ROOT, 'fixtures/impls', name, 'typescript'));
  const ref = path.join(ROOT, 'fixtures/impls', name, language === 'typescript' && !ts ? 'javascript' : language);
  const m = plannedManifest(plan);
  const read = (rel: string) => readFileSync(path.join(ref, rel), 'utf8');
  if (ts) return { [m.entry!]: read('src/main.ts') };
  if (language === 'go') {
    const dir = m.entry ?? m.build!.at(-1)!; // a package directory, or what `go build` builds
    const goFiles = readdirSync(ref).filter((f) => f.endsWith('.go'));
    return Object.fromEntries(goFiles.map((f) => [path.join(dir, f), read(f)]));
  }
  const ext = { python: '.py', javascript: '.mjs' }[language];
  if (language === 'java') {
    // flat sources: the driver compiles every .java file; the plan names the entry class
    const java = readdirSync(ref).filter((f) => f.endsWith('.java'));
    return Object.fromEntries(java.map((f) => [f, read(f)]));
  }
  if (language === 'ruby') {
    if (m.entry) return { [m.entry]: read(path.join('lib', readdirSync(path.join(ref, 'lib'))[0]!)) };
    const program = m.command!.find((a) => a.endsWith('.rb'))!;
    return { [program]: read(program) };
  }
  // the one module of the reference (JS: index.js or <name>.mjs, both ES modules)
  const sources = readdirSync(ref).filter((f) => /\.(py|m?js)$/.test(f));
  const source = read(sources.find((f) => f === 'index.js') ?? sources[0]!);
  if (m.entry) return { [m.entry]: source };
  const program = m.command!.find((a) => a.endsWith(ext ?? '') && a !== m.command![0])!;
  return { [program]: source };
}

describe.each(['python', 'javascript', 'typescript', 'java', 'go', 'ruby'])(
  'plan-following builds in %s',
  (language) => {
    it.each(specs)(
      '%s is ACCEPTED',
      async (name) => {
        const specPath = path.join(ROOT, 'specs', `${name}.md`);
        const { spec } = await loadSpec(specPath);
        const plan = makePlan(spec, { language });
        const files = placed(name, language, plan);
        const lines: string[] = [];
        for (const task of plan.tasks) {
          lines.push(session('implementer', task.id));
          if (task.kind === 'scaffold')
            for (const [file, content] of Object.entries(files)) lines.push(write(file, content));
          lines.push(finish());
        }
        lines.push(session('reviewer', 'review-1'), verdict('approve'));
        const out = path.join(tmpDir(`ghost-plan-${language}-`), 'repo');
        const report = await runBuild(await buildOptionsFor(specPath, out, scripted(lines), { plan, language }));
        const gate = report.rounds.at(-1)!.conformance!;
        expect(gate.passed, JSON.stringify(gate)).toBe(gate.total);
        expect(gate.total).toBe(spec.cases.length);
        expect(report.status).toBe('accepted');
        expect(JSON.parse(readFileSync(path.join(out, 'ghost.json'), 'utf8'))).toEqual(plannedManifest(plan));
      },
      180_000,
    );
  },
);

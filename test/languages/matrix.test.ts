// Every spec in specs/ × every language of the one table: the plan's scaffold task, the
// scaffold the build commits and the runner's detection must agree on language, entry and
// command — a real agent follows the plan, and the gate runs what detection finds.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES, fillTemplate, type Language } from '../../src/languages/index.js';
import { loadSpec, readSpecSource } from '../../src/spec/index.js';
import { makePlan } from '../../src/plan/index.js';
import { scaffoldFor, writeScaffold } from '../../src/build/scaffold.js';
import { implementerInstructions } from '../../src/build/prompts.js';
import { defaultProgram } from '../../src/conformance/command.js';
import { detectImplementation } from '../../src/conformance/detect.js';
import { DRIVERS_DIR } from '../../src/conformance/drivers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const specs = readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.md'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-lang-matrix-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The source file an implementer creates at the planned entry (what detection must find). */
function entryFile(lang: Language, entry: string, specName: string): { file: string; text: string } {
  if (lang.id === 'java') return { file: `${entry}.java`, text: `public class ${entry} {}\n` };
  if (lang.id === 'go')
    return {
      file: path.join(entry, fillTemplate('<name>.go', specName)),
      text: `package ${fillTemplate('<name>', specName)}\n`,
    };
  return { file: entry, text: '' };
}

describe.each(specs)('%s', async (file) => {
  const specPath = path.join(ROOT, 'specs', file);
  const { spec } = await loadSpec(specPath);
  const specSource = await readSpecSource(specPath);

  it.each(LANGUAGES.map((l) => [l.id, l] as const))('%s: plan, scaffold and detection agree', async (id, lang) => {
    const plan = makePlan(spec, { language: lang.aliases[0] ?? id });
    expect(plan.language).toBe(id);
    const scaffoldTask = plan.tasks[0]!;
    expect(scaffoldTask.title).toContain(` ${id} `);
    expect(implementerInstructions(plan.language!)).toContain(`built in ${lang.display}.`);

    const { manifest } = scaffoldFor(spec, plan, plan.language!);
    expect(manifest.language).toBe(id);
    // The plan shows the implementer exactly the ghost.json the build commits.
    expect(scaffoldTask.text).toContain(JSON.stringify(manifest));

    const dir = path.join(tmp, `${spec.meta.name}-${id}`);
    await writeScaffold(dir, { spec, specSource, plan, language: plan.language! });
    expect(JSON.parse(readFileSync(path.join(dir, 'ghost.json'), 'utf8'))).toEqual(manifest);

    const found = detectImplementation(dir);
    expect(found.language).toBe(id);
    if (plan.shape === 'command') {
      expect(found.command).toEqual(manifest.command);
      expect(found.build).toEqual(manifest.build);
      // The program ghost runs (a command, or an entry it runs itself) is the file the plan's
      // layout line names.
      expect(manifest.command ?? defaultProgram(id, manifest.entry ?? '').command).toBeDefined();
      if (manifest.entry) expect(found.entry).toBe(manifest.entry);
      if (manifest.entry) expect(scaffoldTask.text).toContain(manifest.entry);
      const program = manifest.command?.find((a) => lang.extensions.some((e) => a.endsWith(e)) || a.startsWith('./'));
      if (program)
        expect(scaffoldTask.text).toContain(
          manifest.build?.find((a) => lang.extensions.some((e) => a.endsWith(e))) ??
            program.replace(/^\.\//, '').replace(/\.bin$/, ''),
        );
    } else {
      expect(found.entry).toBe(manifest.entry);
      expect(existsSync(path.join(DRIVERS_DIR, lang.driver))).toBe(true);
      // Without ghost.json, the file the plan told the implementer to write is still found.
      const stub = entryFile(lang, manifest.entry!, spec.meta.name);
      expect(scaffoldTask.text).toContain(path.basename(stub.file));
      rmSync(path.join(dir, 'ghost.json'));
      mkdirSync(path.dirname(path.join(dir, stub.file)), { recursive: true });
      writeFileSync(path.join(dir, stub.file), stub.text);
      const bare = detectImplementation(dir);
      expect(bare.language).toBe(id);
      if (id !== 'java') expect(bare.entry).toBe(manifest.entry);
    }
  });
});

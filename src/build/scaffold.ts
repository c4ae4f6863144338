// The first commit of every build: the visible spec, the plan, and the wiring that lets
// the conformance runner load whatever the implementer writes (ghost.json per language).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { visibleSpec, type Spec } from '../spec/index.js';
import type { Plan } from '../plan/types.js';
import { resolveLanguage, scaffoldFiles, scaffoldManifest, type ScaffoldManifest } from '../languages/index.js';

/**
 * ghost.json and the language's project files (package.json, go.mod, …), from the one
 * language table: exactly what the plan's scaffold task told the implementer.
 */
export function scaffoldFor(
  spec: Spec,
  plan: Pick<Plan, 'shape'>,
  language: string,
): { manifest: ScaffoldManifest; files: Record<string, string> } {
  const lang = resolveLanguage(language);
  const input = {
    name: spec.meta.name,
    functions: spec.functions.map((f) => f.name),
    program: plan.shape === 'command',
  };
  return { manifest: scaffoldManifest(input, lang), files: scaffoldFiles(input, lang) };
}

const IGNORES = [
  '.ghost-build/',
  '__pycache__/',
  'node_modules/',
  'out/',
  'dist/',
  '*.class',
  '*.bin',
  'target/',
  '.ghost/prompt.md',
  '',
];

export async function writeScaffold(
  dir: string,
  input: { spec: Spec; specSource: string; plan: Plan; language: string },
): Promise<void> {
  const specDir = path.join(dir, '.ghost', 'spec');
  await mkdir(specDir, { recursive: true });
  const visible = visibleSpec(input.spec, input.specSource);
  await writeFile(path.join(specDir, path.basename(input.spec.file)), visible.source);
  for (const file of visible.caseFiles) {
    const target = path.join(specDir, file.path);
    if (!target.startsWith(specDir + path.sep)) throw new Error(`case file path ${file.path} leaves the snapshot`); // visibleSpec never gives one
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
  await writeFile(path.join(dir, '.ghost', 'plan.json'), `${JSON.stringify(input.plan, null, 2)}\n`);
  const { manifest, files } = scaffoldFor(input.spec, input.plan, input.language);
  await writeFile(path.join(dir, 'ghost.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  await writeFile(path.join(dir, '.gitignore'), IGNORES.join('\n'));
}

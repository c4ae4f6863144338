// The first commit of every build: the visible spec, the plan, and the wiring that lets
// the conformance runner load whatever the implementer writes (ghost.json per language).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { visibleSpec, type Spec } from '../spec/index.js';
import type { Plan } from '../plan/types.js';

export interface Manifest {
  language: string;
  entry?: string;
  command?: string[];
  build?: string[];
}

const snake = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'lib';
const pascal = (s: string) =>
  s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Lib';

/** Where each language's code goes, so the implementer and the runner agree from the start. */
export function manifestFor(spec: Spec, language: string): Manifest {
  const isCommand = spec.cases.some((c) => c.kind === 'command') || spec.meta.command !== undefined;
  const name = spec.meta.name;
  switch (language) {
    case 'python':
      return isCommand
        ? { language, command: ['python3', `${snake(name)}.py`] }
        : { language, entry: `${snake(name)}.py` };
    case 'javascript':
      return isCommand ? { language, command: ['node', `${snake(name)}.mjs`] } : { language, entry: 'index.js' };
    case 'typescript':
      return { language, entry: 'index.ts' };
    case 'java':
      return isCommand
        ? { language, build: ['javac', '-d', 'out', `${pascal(name)}.java`], command: ['java', '-cp', 'out', pascal(name)] }
        : { language, entry: pascal(name) };
    default:
      return { language };
  }
}

const IGNORES = ['.ghost-build/', '__pycache__/', 'node_modules/', 'out/', '*.class', 'target/', '.ghost/prompt.md', ''];

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
  const manifest = manifestFor(input.spec, input.language);
  await writeFile(path.join(dir, 'ghost.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (input.language === 'javascript' && manifest.entry) {
    await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: input.spec.meta.name, private: true, type: 'module', main: 'index.js' }, null, 2)}\n`);
  }
  await writeFile(path.join(dir, '.gitignore'), IGNORES.join('\n'));
}

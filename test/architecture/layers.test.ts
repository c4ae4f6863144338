// The layer rules AGENTS.md states, checked on every `npm test`: stage folders under src/ import
// only upstream stages, only through an entry (a folder's index.ts, or its types.ts for types),
// and never in a cycle. util (and process, child processes) is the toolbox under everything.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Upstream first. A stage may import only stages before it. Keep in step with AGENTS.md. */
const LAYERS = ['util', 'languages', 'process', 'spec', 'plan', 'conformance', 'fuzz', 'build', 'registry', 'cli'];
/** Folders imported file by file (no index.ts): leaf toolboxes. */
const OPEN = new Set(['util']);

interface Import {
  file: string;
  line: number;
  spec: string;
  typeOnly: boolean;
}

/** Relative imports of a TypeScript source: static, re-exports and dynamic `import()`. */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4]!;
    const line = text.slice(0, m.index + (m[0].startsWith('\n') ? 1 : 0)).split('\n').length;
    out.push({ file, line, spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** Every broken rule in a set of files (paths relative to the repository, under src/). */
function layerViolations(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const [file, text] of files) {
    const from = file.split('/')[1]!;
    for (const imp of importsOf(file, text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), imp.spec));
      const parts = target.split('/');
      const to = parts[1]!;
      if (parts[0] !== 'src' || to === from || parts.length < 3) continue;
      const where = `${file}:${imp.line}`;
      for (const stage of [from, to])
        if (!LAYERS.includes(stage))
          problems.push(
            `${where}: src/${stage} is not in the layer order (AGENTS.md, test/architecture/layers.test.ts)`,
          );
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from))
        problems.push(`${where}: ${from} imports ${to}, which comes after it (${LAYERS.join(' → ')})`);
      const name = parts.at(-1)!;
      if (OPEN.has(to) || name === 'index.js') continue;
      if (name === 'types.js' && imp.typeOnly) continue;
      problems.push(
        `${where}: imports ${imp.spec}; go through src/${parts.slice(1, -1).join('/')}/index.ts${name === 'types.js' ? ' (or `import type`)' : ''}`,
      );
    }
  }
  for (const cycle of cycles(edges)) problems.push(`import cycle between stages: ${cycle.join(' → ')}`);
  return problems;
}

function cycles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

function sources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync('src', { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.(ts|mts)$/.test(e.name)) continue;
    const file = path.posix.join(e.parentPath.split(path.sep).join('/'), e.name);
    files.set(file, readFileSync(file, 'utf8'));
  }
  return files;
}

describe('layer rules', () => {
  it('src/ follows them', () => {
    expect(layerViolations(sources())).toEqual([]);
  });

  it('finds package files through import.meta.url only two levels below the root, as the bundle does', () => {
    const deep = [...sources()].filter(
      ([file, text]) => file.split('/').length !== 3 && /new URL\([^)]*import\.meta\.url/.test(text),
    );
    expect(deep.map(([file]) => file)).toEqual([]);
  });

  it('catches each kind of violation', () => {
    const files = new Map([
      ['src/spec/a.ts', "import { makePlan } from '../plan/index.js';\n"],
      [
        'src/plan/b.ts',
        "import { x } from '../spec/markdown.js';\nimport type { Spec } from '../spec/types.js';\nimport { Case } from '../spec/types.js';\n",
      ],
      ['src/cli/c.ts', "const m = await import('../build/build.js');\nimport { e } from '../util/errors.js';\n"],
    ]);
    expect(layerViolations(files)).toEqual([
      'src/spec/a.ts:1: spec imports plan, which comes after it (util → languages → process → spec → plan → conformance → fuzz → build → registry → cli)',
      'src/plan/b.ts:1: imports ../spec/markdown.js; go through src/spec/index.ts',
      'src/plan/b.ts:3: imports ../spec/types.js; go through src/spec/index.ts (or `import type`)',
      'src/cli/c.ts:1: imports ../build/build.js; go through src/build/index.ts',
      'import cycle between stages: plan → spec → plan',
    ]);
  });
});

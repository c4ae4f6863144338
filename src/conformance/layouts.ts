// How each language's implementation directory looks when it has no ghost.json: its entry by
// the language's own conventions (package.json, pyproject.toml, go.mod, lib/*.rb, …).
// Canonical ids and file endings come from src/languages; this file knows the layouts.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Detected {
  language: string;
  entry: string;
}

function exportsEntry(exp: unknown): string | undefined {
  if (typeof exp === 'string') return exp;
  if (!exp || typeof exp !== 'object' || Array.isArray(exp)) return undefined;
  const o = exp as Record<string, unknown>;
  for (const key of ['.', 'import', 'node', 'default', 'require']) {
    const found = o[key] === undefined ? undefined : exportsEntry(o[key]);
    if (found) return found;
  }
  return undefined;
}

function detectJs(dir: string, files: string[]): Detected | undefined {
  if (files.includes('package.json')) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const entry = exportsEntry(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : undefined);
      if (entry) {
        const rel = entry.replace(/^\.\//, '');
        return { language: /\.[cm]?ts$/.test(rel) ? 'typescript' : 'javascript', entry: rel };
      }
    } catch {
      /* fall through to index.* */
    }
  }
  for (const name of ['index.js', 'index.mjs', 'index.cjs', 'index.ts', 'index.mts']) {
    if (files.includes(name)) return { language: name.endsWith('ts') ? 'typescript' : 'javascript', entry: name };
  }
  for (const name of ['src/index.ts', 'src/index.js', 'src/index.mjs']) {
    if (existsSync(path.join(dir, name)))
      return { language: name.endsWith('ts') ? 'typescript' : 'javascript', entry: name };
  }
  return undefined;
}

function detectPython(dir: string, files: string[]): Detected | undefined {
  if (files.includes('__init__.py')) return { language: 'python', entry: '.' };
  const modules = files.filter(
    (f) => f.endsWith('.py') && !f.startsWith('test_') && f !== 'setup.py' && f !== 'conftest.py',
  );
  const packages = (root: string) =>
    existsSync(root)
      ? readdirSync(root).filter((d) => !d.startsWith('.') && existsSync(path.join(root, d, '__init__.py')))
      : [];
  if (files.includes('pyproject.toml') || files.includes('setup.py')) {
    const pkgs = [...packages(dir), ...packages(path.join(dir, 'src')).map((p) => `src/${p}`)].filter(
      (p) => !/^tests?$/.test(p),
    );
    if (pkgs.length === 1) return { language: 'python', entry: pkgs[0]! };
    if (modules.length === 1) return { language: 'python', entry: modules[0]! };
    return { language: 'python', entry: pkgs[0] ?? modules[0] ?? '' };
  }
  if (modules.length === 1) return { language: 'python', entry: modules[0]! };
  const pkgs = packages(dir).filter((p) => !/^tests?$/.test(p));
  if (modules.length === 0 && pkgs.length === 1) return { language: 'python', entry: pkgs[0]! };
  return undefined;
}

function detectJava(dir: string, files: string[]): Detected | undefined {
  if (files.includes('pom.xml') || files.some((f) => f.endsWith('.java'))) return { language: 'java', entry: '' };
  if (existsSync(path.join(dir, 'src', 'main', 'java'))) return { language: 'java', entry: '' };
  return undefined;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** Non-test Go sources of a directory that are not `package main` (a library package). */
function goLibraryFiles(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir).filter(
    (f) =>
      f.endsWith('.go') &&
      !f.endsWith('_test.go') &&
      !/^\s*package\s+main\b/m.test(readFileSync(path.join(dir, f), 'utf8')),
  );
}

/** go.mod or *.go: the entry is the package directory (`.` at the top, else the only one below). */
function detectGo(dir: string, files: string[]): Detected | undefined {
  if (!files.includes('go.mod') && !files.some((f) => f.endsWith('.go'))) return undefined;
  if (goLibraryFiles(dir).length > 0) return { language: 'go', entry: '.' };
  const below = files.filter(
    (f) =>
      !f.startsWith('.') &&
      !['vendor', 'testdata', 'cmd', 'internal'].includes(f) &&
      goLibraryFiles(path.join(dir, f)).length > 0,
  );
  if (below.length === 1) return { language: 'go', entry: below[0]! };
  return files.includes('go.mod') ? { language: 'go', entry: '.' } : undefined;
}

const RUBY_NOT_ENTRY = /^(Rakefile|Gemfile|.*_spec\.rb|test_.*\.rb|.*_test\.rb|.*\.gemspec)$/;

/** lib/<name>.rb (gem layout, the only file or the one named like the directory), else one *.rb. */
function detectRuby(dir: string, files: string[]): Detected | undefined {
  const lib = path.join(dir, 'lib');
  const libFiles = isDir(lib) ? readdirSync(lib).filter((f) => f.endsWith('.rb')) : [];
  const top = files.filter((f) => f.endsWith('.rb') && !RUBY_NOT_ENTRY.test(f));
  if (libFiles.length === 0 && top.length === 0 && !files.includes('Gemfile')) return undefined;
  if (libFiles.length === 1) return { language: 'ruby', entry: `lib/${libFiles[0]}` };
  const named = `${path.basename(dir).replace(/-/g, '_')}.rb`;
  if (libFiles.includes(named)) return { language: 'ruby', entry: `lib/${named}` };
  if (top.length === 1) return { language: 'ruby', entry: top[0]! };
  if (top.includes(named)) return { language: 'ruby', entry: named };
  return libFiles.length + top.length > 0
    ? { language: 'ruby', entry: libFiles.length ? `lib/${libFiles[0]}` : top[0]! }
    : undefined;
}

/** Cargo.toml: a crate (the harness is generated against it; a program names its command). */
function detectRust(_dir: string, files: string[]): Detected | undefined {
  return files.includes('Cargo.toml') ? { language: 'rust', entry: 'Cargo.toml' } : undefined;
}

/** In the order autodetection tries them; `languages`: the canonical ids each serves. */
export const DETECTORS: ReadonlyArray<{
  languages: string[];
  hint: string;
  detect: (dir: string, files: string[]) => Detected | undefined;
}> = [
  {
    languages: ['javascript', 'typescript'],
    hint: 'package.json or index.{js,mjs,cjs,ts} (JavaScript/TypeScript)',
    detect: detectJs,
  },
  { languages: ['python'], hint: 'pyproject.toml, __init__.py or a single *.py module (Python)', detect: detectPython },
  { languages: ['java'], hint: 'pom.xml/*.java (Java)', detect: detectJava },
  { languages: ['go'], hint: 'go.mod/*.go (Go)', detect: detectGo },
  { languages: ['ruby'], hint: 'lib/*.rb or a single *.rb (Ruby)', detect: detectRuby },
  { languages: ['rust'], hint: 'Cargo.toml (Rust)', detect: detectRust },
];

// Which language an implementation directory holds, and its entry point: `ghost.json` first,
// then the per-language conventions of docs/driver-protocol.md.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../util/errors.js';

export interface Manifest {
  language?: string;
  entry?: string;
  names?: Record<string, string>;
  build?: string[];
  command?: string[];
}

export interface Implementation {
  dir: string;
  language: string;
  /** Relative to `dir`; empty when the driver finds it itself (e.g. Java class autodetect). */
  entry: string;
  names: Record<string, string>;
  build?: string[];
  command?: string[];
}

const LANG_ALIASES: Record<string, string> = {
  js: 'javascript',
  javascript: 'javascript',
  node: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  py: 'python',
  python: 'python',
  python3: 'python',
  java: 'java',
  rs: 'rust',
  rust: 'rust',
};

export function normalizeLanguage(lang: string): string {
  return LANG_ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

export function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'ghost.json');
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`${file}: expected a JSON object`);
  const o = raw as Record<string, unknown>;
  const m: Manifest = {};
  if (typeof o.language === 'string') m.language = o.language;
  if (typeof o.entry === 'string') m.entry = o.entry;
  if (o.names && typeof o.names === 'object' && !Array.isArray(o.names)) {
    m.names = Object.fromEntries(Object.entries(o.names).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  for (const key of ['build', 'command'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v === 'string') m[key] = v.split(/\s+/).filter(Boolean);
    else if (isStringArray(v) && v.length > 0) m[key] = v;
    else throw new UserError(`${file}: "${key}" must be a list of strings`);
  }
  return m;
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

function detectJs(dir: string, files: string[]): { language: string; entry: string } | undefined {
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
    if (existsSync(path.join(dir, name))) return { language: name.endsWith('ts') ? 'typescript' : 'javascript', entry: name };
  }
  return undefined;
}

function detectPython(dir: string, files: string[]): { language: string; entry: string } | undefined {
  if (files.includes('__init__.py')) return { language: 'python', entry: '.' };
  const modules = files.filter((f) => f.endsWith('.py') && !f.startsWith('test_') && f !== 'setup.py' && f !== 'conftest.py');
  const packages = (root: string) =>
    existsSync(root)
      ? readdirSync(root).filter((d) => !d.startsWith('.') && existsSync(path.join(root, d, '__init__.py')))
      : [];
  if (files.includes('pyproject.toml') || files.includes('setup.py')) {
    const pkgs = [...packages(dir), ...packages(path.join(dir, 'src')).map((p) => `src/${p}`)].filter((p) => !/^tests?$/.test(p));
    if (pkgs.length === 1) return { language: 'python', entry: pkgs[0]! };
    if (modules.length === 1) return { language: 'python', entry: modules[0]! };
    return { language: 'python', entry: pkgs[0] ?? modules[0] ?? '' };
  }
  if (modules.length === 1) return { language: 'python', entry: modules[0]! };
  const pkgs = packages(dir).filter((p) => !/^tests?$/.test(p));
  if (modules.length === 0 && pkgs.length === 1) return { language: 'python', entry: pkgs[0]! };
  return undefined;
}

function detectJava(dir: string, files: string[]): { language: string; entry: string } | undefined {
  if (files.includes('pom.xml') || files.some((f) => f.endsWith('.java'))) return { language: 'java', entry: '' };
  if (existsSync(path.join(dir, 'src', 'main', 'java'))) return { language: 'java', entry: '' };
  return undefined;
}

function detectRust(dir: string, files: string[]): { language: string; entry: string } | undefined {
  return files.includes('Cargo.toml') ? { language: 'rust', entry: 'Cargo.toml' } : undefined;
}

const DETECTORS: Record<string, (dir: string, files: string[]) => { language: string; entry: string } | undefined> = {
  javascript: detectJs,
  typescript: detectJs,
  python: detectPython,
  java: detectJava,
  rust: detectRust,
};

/** Language and entry of the implementation in `dir`; UserError (exit 2) when nothing fits. */
export function detectImplementation(dir: string, language?: string): Implementation {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UserError(`implementation directory not found: ${dir}`);
  const manifest = readManifest(abs) ?? {};
  const files = readdirSync(abs);
  const wanted = language ?? manifest.language;
  const lang = wanted ? normalizeLanguage(wanted) : undefined;
  let found: { language: string; entry: string } | undefined;
  if (lang) {
    const entry = manifest.entry ?? DETECTORS[lang]?.(abs, files)?.entry ?? (manifest.command ? '' : undefined);
    if (entry !== undefined) found = { language: lang, entry };
  } else {
    for (const detect of [detectJs, detectPython, detectJava, detectRust]) {
      found = detect(abs, files);
      if (found) break;
    }
    if (found && manifest.entry !== undefined) found.entry = manifest.entry;
    if (!found && manifest.command) found = { language: 'command', entry: '' };
  }
  if (!found) {
    throw new UserError(
      `no implementation found in ${dir}: expected a ghost.json manifest, package.json or index.{js,mjs,cjs,ts} ` +
        `(JavaScript/TypeScript), pyproject.toml, __init__.py or a single *.py module (Python), or pom.xml/*.java (Java), or Cargo.toml (Rust)` +
        (lang ? ` for language ${lang}` : ''),
    );
  }
  return {
    dir: abs,
    language: found.language,
    entry: found.entry,
    names: manifest.names ?? {},
    ...(manifest.build ? { build: manifest.build } : {}),
    ...(manifest.command ? { command: manifest.command } : {}),
  };
}

// What the scaffold task tells an implementer per language: the conventions drivers load
// (docs/driver-protocol.md, "Language conventions") and a starting `ghost.json`.

const ALIASES: Record<string, string> = {
  ts: 'typescript',
  typescript: 'typescript',
  js: 'javascript',
  javascript: 'javascript',
  node: 'javascript',
  py: 'python',
  python: 'python',
  python3: 'python',
  java: 'java',
};

/** Canonical language name; unknown names are kept (lower-cased) and planned generically. */
export function normalizeLanguage(lang: string): { language: string; known: boolean } {
  const key = lang.trim().toLowerCase();
  const known = ALIASES[key];
  return known ? { language: known, known: true } : { language: key, known: false };
}

const DISPLAY: Record<string, string> = { typescript: 'TypeScript', javascript: 'JavaScript', python: 'Python', java: 'Java' };

/** The language as prose names it. */
export function displayName(language: string): string {
  return DISPLAY[language] ?? language;
}

/** Library layout: what a driver loads. `<name>` is the spec name as an identifier. */
export const LIBRARY_LAYOUT: Record<string, string[]> = {
  typescript: [
    '- `package.json` (`"type": "module"`, `main`/`exports` pointing at the entry), `src/index.ts` as the entry.',
    '- Export every function as a named export (or a default export object). `.ts` entries are loaded through tsx.',
    '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
  ],
  javascript: [
    '- `package.json` with `main`/`exports`, or `index.js` / `index.mjs` as the entry (ES module or CommonJS).',
    '- Export every function as a named export (or a default export object).',
    '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
  ],
  python: [
    '- A module (`<name>.py`) or a package with `__init__.py`; a `pyproject.toml` for packaging.',
    '- Expose every function at the top level of the entry module.',
    '- Errors: exception classes named by kind (`class InvalidVersion(ValueError)`).',
  ],
  java: [
    '- `.java` sources, flat or under `src/main/java`; the driver compiles them with `javac`.',
    '- Functions are `public static` methods of one entry class.',
    '- Types: `String`, `int`/`long`, `double`, `boolean`, `List<?>`, `Map<String, ?>`, `Object`, arrays, `BigInteger`; records become objects.',
    '- Errors: exceptions whose simple class name is the error kind.',
  ],
};

export const LIBRARY_ENTRY: Record<string, string> = {
  typescript: 'src/index.ts',
  javascript: 'index.js',
  python: '<name>.py',
  java: 'src/main/java/<Entry>.java',
};

/** Program layout for CLI-shaped specs: no driver; the runner spawns `command` per case. */
export const PROGRAM: Record<string, { layout: string; build?: string[]; command: string[] }> = {
  typescript: { layout: '`src/main.ts` compiled by `tsc` into `dist/`.', build: ['npx', 'tsc'], command: ['node', 'dist/main.js'] },
  javascript: { layout: '`main.js` (no build step).', command: ['node', 'main.js'] },
  python: { layout: '`main.py` using only the standard library (no build step).', command: ['python3', 'main.py'] },
  java: { layout: '`Main.java` with `public static void main`.', build: ['javac', '-d', 'out', 'Main.java'], command: ['java', '-cp', 'out', 'Main'] },
};

/** The name a language's convention gives a spec name (what the driver will also try). */
export function conventionalName(name: string, language: string): string {
  if (language === 'python') return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (language === 'javascript' || language === 'typescript' || language === 'java') {
    return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  }
  return name;
}

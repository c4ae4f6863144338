// The scaffold task: project layout for the target language and the conformance driver
// wiring (docs/driver-protocol.md, "Language conventions" and `ghost.json`).
import type { Spec } from '../spec/types.js';
import { signature } from './render.js';

export type Shape = 'functions' | 'command' | 'prose';

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

const LAYOUT: Record<string, string> = {
  typescript: [
    '- `package.json` (`"type": "module"`, `main`/`exports` pointing at the entry), `src/index.ts` as the entry.',
    '- Export every function as a named export (or a default export object). `.ts` entries are loaded through tsx.',
    '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
  ].join('\n'),
  javascript: [
    '- `package.json` with `main`/`exports`, or `index.js` / `index.mjs` as the entry (ES module or CommonJS).',
    '- Export every function as a named export (or a default export object).',
    '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
  ].join('\n'),
  python: [
    '- A module (`<name>.py`) or a package with `__init__.py`; a `pyproject.toml` for packaging.',
    '- Expose every function at the top level of the entry module.',
    '- Errors: exception classes named by kind (`class InvalidVersion(ValueError)`).',
  ].join('\n'),
  java: [
    '- `.java` sources, flat or under `src/main/java`; the driver compiles them with `javac`.',
    '- Functions are `public static` methods of one entry class.',
    '- Types: `String`, `int`/`long`, `double`, `boolean`, `List<?>`, `Map<String, ?>`, `Object`, arrays, `BigInteger`; records become objects.',
    '- Errors: exceptions whose simple class name is the error kind.',
  ].join('\n'),
};

/** The name a language's convention gives a spec name (what the driver will also try). */
export function conventionalName(name: string, language: string): string {
  if (language === 'python') return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (language === 'javascript' || language === 'typescript' || language === 'java') {
    return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  }
  return name;
}

const ENTRY: Record<string, string> = {
  typescript: 'src/index.ts',
  javascript: 'index.js',
  python: '<name>.py',
  java: 'src/main/java/<Entry>.java',
};

export function scaffoldText(spec: Spec, shape: Shape, language: string | undefined): string {
  const out: string[] = [`# Scaffold the ${spec.meta.name} implementation`, ''];
  const lang = language ?? 'the target language';
  out.push(
    `Set up the project in ${lang} so that the conformance runner (\`ghost test\`) can load it, ` +
      'before any behaviour is implemented.',
    '',
    '## Project layout',
    '',
  );
  if (language && LAYOUT[language]) {
    out.push(LAYOUT[language]!.replace('<name>', spec.meta.name.replace(/[^A-Za-z0-9_]/g, '_')));
  } else {
    out.push(
      '- Follow the ordinary layout of the language; keep the entry module at the top level.',
      '- Drivers exist for JavaScript/TypeScript, Python and Java (docs/driver-protocol.md); ' +
        'another language needs a driver in `conformance/drivers/<language>/`.',
    );
    if (spec.meta.targets?.length) out.push(`- The spec's author expects: ${spec.meta.targets.join(', ')}.`);
  }
  out.push('', '## Conformance wiring', '');
  if (shape === 'command') {
    const name = spec.meta.command ?? spec.meta.name;
    out.push(
      `This is a command-line program (\`${name}\`). Command cases run the program once per case with ` +
        'the case\'s arguments and stdin, and compare stdout and the exit code.',
      'Add a `ghost.json` at the top of the implementation naming the program and, if it needs one, a build step run once before the first case:',
      '',
      '```json',
      `{ "language": "${language ?? '<language>'}", "build": ["<build command>"], "command": ["<program>", "<args>"] }`,
      '```',
    );
  } else if (shape === 'functions') {
    const fnLang = language ?? '';
    const names: Record<string, string> = {};
    for (const fn of spec.functions) {
      const conv = conventionalName(fn.name, fnLang);
      if (conv !== fn.name) names[fn.name] = conv;
    }
    out.push(
      'A driver loads the entry and serves JSON calls; arguments arrive positionally, in declared order. ' +
        'Values JSON cannot carry arrive as tagged objects (`{"$ghost":"nan"}`, `{"$ghost":"bigint","value":"…"}`, ' +
        '`{"$ghost":"bytes","base64":"…"}`) and drivers convert them to native values.',
      'Add a `ghost.json` at the top of the implementation so the runner need not guess:',
      '',
      '```json',
      JSON.stringify({ language: language ?? '<language>', entry: ENTRY[fnLang] ?? '<entry>', names }),
      '```',
      '',
      '`names` maps spec names to implementation names; drivers also try the language-convention form.',
      'Create a stub for every function below (raising a "not implemented" error) so the driver handshake finds them all:',
      '',
      ...spec.functions.map((fn) => `- \`${signature(fn)}\``),
    );
  } else {
    out.push(
      'The spec has no conformance cases, so there is no driver wiring to do; acceptance rests on review. ' +
        'Set up the project with its own test runner: later tasks add tests for their requirements.',
    );
  }
  out.push(
    '',
    '## Done when',
    '',
    shape === 'prose'
      ? '- The project builds and its (empty) test suite runs.'
      : '- `ghost test` starts the implementation without a load error (cases may still fail).',
  );
  return out.join('\n');
}

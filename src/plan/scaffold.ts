// The scaffold task: project layout for the target language and the conformance wiring
// (docs/driver-protocol.md: drivers, `ghost.json`, language conventions). Tables: languages.ts.
import type { Spec } from '../spec/types.js';
import { conventionalName, displayName, LIBRARY_ENTRY, LIBRARY_LAYOUT, PROGRAM } from './languages.js';
import { signature } from './render.js';

export { normalizeLanguage } from './languages.js';

export type Shape = 'functions' | 'command' | 'prose';

const GENERIC = [
  '- Follow the ordinary layout of the language.',
  '- Conformance drivers exist for JavaScript/TypeScript, Python and Java (docs/driver-protocol.md); ' +
    'another language needs a driver in `conformance/drivers/<language>/`.',
];

/** `language`: normalised name, known or not; absent means generic. */
export function scaffoldText(spec: Spec, shape: Shape, language: string | undefined): string {
  const ident = spec.meta.name.replace(/[^A-Za-z0-9_]/g, '_');
  const out = [
    `# Scaffold the ${spec.meta.name} implementation`,
    '',
    `Set up the project in ${language ? displayName(language) : 'the target language'}` +
      (shape === 'prose'
        ? ', with its build and its own test runner, before any behaviour is implemented.'
        : ' so that the conformance runner (`ghost test`) can run it, before any behaviour is implemented.'),
  ];
  if (!language && spec.meta.targets?.length) out.push('', `The spec's author expects: ${spec.meta.targets.join(', ')}.`);
  out.push('');
  if (shape === 'functions') out.push(...libraryWiring(spec, language, ident));
  else if (shape === 'command') out.push(...programWiring(spec, language));
  else {
    out.push(
      '## Project layout',
      '',
      ...(language ? ['- Follow the ordinary layout of the language, with a test runner.'] : GENERIC.slice(0, 1)),
      '',
      'The spec has no conformance cases, so there is no driver to wire; acceptance rests on review. ' +
        'Later tasks add tests of their own for their requirements.',
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

function libraryWiring(spec: Spec, language: string | undefined, ident: string): string[] {
  const lang = language ?? '';
  const names: Record<string, string> = {};
  for (const fn of spec.functions) {
    const conv = conventionalName(fn.name, lang);
    if (conv !== fn.name) names[fn.name] = conv;
  }
  const errors = [...new Set(spec.functions.flatMap((f) => f.errors))];
  const entry = (LIBRARY_ENTRY[lang] ?? '<entry>').replace('<name>', ident);
  return [
    '## Project layout',
    '',
    ...(LIBRARY_LAYOUT[lang] ?? GENERIC).map((l) => l.replace('<name>', ident)),
    '',
    '## Conformance wiring',
    '',
    'A driver loads the entry and serves JSON calls; arguments arrive positionally, in declared order. ' +
      'Values JSON cannot carry arrive as tagged objects (`{"$ghost":"nan"}`, `{"$ghost":"bigint","value":"…"}`, ' +
      '`{"$ghost":"bytes","base64":"…"}`) and drivers convert them to native values.',
    'Add a `ghost.json` at the top of the implementation so the runner need not guess:',
    '',
    '```json',
    JSON.stringify({ language: language ?? '<language>', entry, names }),
    '```',
    '',
    '`names` maps spec names to implementation names; drivers also try the language-convention form.',
    'Create a stub for every function below (raising a "not implemented" error) so the driver handshake finds them all:',
    '',
    ...spec.functions.map((fn) => `- \`${signature(fn)}\``),
    ...(errors.length > 0 ? ['', `Define the error kinds the interface names: ${errors.map((e) => `\`${e}\``).join(', ')}.`] : []),
  ];
}

function programWiring(spec: Spec, language: string | undefined): string[] {
  const name = spec.meta.command ?? spec.meta.name;
  const program = PROGRAM[language ?? ''];
  const manifest = program
    ? { language, ...(program.build ? { build: program.build } : {}), command: program.command }
    : { language: language ?? '<language>', build: ['<build step, if any>'], command: ['<program>', '<fixed args>'] };
  return [
    '## Project layout',
    '',
    ...(program ? [`- The program: ${program.layout}`] : GENERIC),
    '',
    '## Conformance wiring',
    '',
    `This is a command-line program (\`${name}\`). There is no driver: the runner runs the program once per ` +
      "case with the case's arguments and stdin, and compares stdout and the exit status.",
    'Add a `ghost.json` at the top of the implementation naming the command (and a build step, run once before the first case):',
    '',
    '```json',
    JSON.stringify(manifest),
    '```',
  ];
}

// The scaffold task: project layout for the target language and the conformance wiring
// (docs/driver-protocol.md: drivers, `ghost.json`, language conventions). What each language
// looks like comes from the one table, src/languages.
import type { Spec } from '../spec/types.js';
import { fillTemplate, languageIds, scaffoldManifest, type Language } from '../languages/index.js';
import { signature } from './render.js';

export type Shape = 'functions' | 'command' | 'prose';

const GENERIC = [
  '- Follow the ordinary layout of the language.',
  `- Conformance drivers exist for ${languageIds().join(', ')} (docs/driver-protocol.md); ` +
    'another language needs a driver in `conformance/drivers/<language>/`.',
];

/** `language`: from the table; absent means generic. */
export function scaffoldText(spec: Spec, shape: Shape, language: Language | undefined): string {
  const out = [
    `# Scaffold the ${spec.meta.name} implementation`,
    '',
    `Set up the project in ${language ? language.display : 'the target language'}` +
      (shape === 'prose'
        ? ', with its build and its own test runner, before any behaviour is implemented.'
        : ' so that the conformance runner (`ghost test`) can run it, before any behaviour is implemented.'),
  ];
  if (!language && spec.meta.targets?.length)
    out.push('', `The spec's author expects: ${spec.meta.targets.join(', ')}.`);
  out.push('');
  if (shape === 'functions') out.push(...libraryWiring(spec, language));
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

function libraryWiring(spec: Spec, language: Language | undefined): string[] {
  const errors = [...new Set(spec.functions.flatMap((f) => f.errors))];
  const manifest = language
    ? scaffoldManifest({ name: spec.meta.name, functions: spec.functions.map((f) => f.name), program: false }, language)
    : { language: '<language>', entry: '<entry>', names: {} };
  return [
    '## Project layout',
    '',
    ...(language ? language.library.layout.map((l) => fillTemplate(l, spec.meta.name)) : GENERIC),
    '',
    '## Conformance wiring',
    '',
    'A driver loads the entry and serves JSON calls; arguments arrive positionally, in declared order. ' +
      'Values JSON cannot carry arrive as tagged objects (`{"$ghost":"nan"}`, `{"$ghost":"bigint","value":"…"}`, ' +
      '`{"$ghost":"bytes","base64":"…"}`) and drivers convert them to native values.',
    'Add a `ghost.json` at the top of the implementation so the runner need not guess:',
    '',
    '```json',
    JSON.stringify(manifest),
    '```',
    '',
    '`names` maps spec names to implementation names; drivers also try the language-convention form.',
    'Create a stub for every function below (raising a "not implemented" error) so the driver handshake finds them all:',
    '',
    ...spec.functions.map((fn) => `- \`${signature(fn)}\``),
    ...(errors.length > 0
      ? ['', `Define the error kinds the interface names: ${errors.map((e) => `\`${e}\``).join(', ')}.`]
      : []),
  ];
}

function programWiring(spec: Spec, language: Language | undefined): string[] {
  const name = spec.meta.command ?? spec.meta.name;
  const manifest = language
    ? scaffoldManifest({ name: spec.meta.name, functions: [], program: true }, language)
    : { language: '<language>', build: ['<build step, if any>'], command: ['<program>', '<fixed args>'] };
  return [
    '## Project layout',
    '',
    ...(language ? [`- The program: ${fillTemplate(language.program.layout, spec.meta.name)}`] : GENERIC),
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

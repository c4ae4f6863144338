// The final task: everything passes together, the implementation gets its README, and the
// general sections no earlier task owns (overview, error handling, test matrix, done list).
//
// Hashing note: the integration task lists every visible case id (it is the acceptance gate)
// but carries the *content* only of cases no earlier task carries. So editing one function's
// section or one of its cases changes that function's task alone; adding or removing a case
// also changes this task, because its list of cases to pass changed.
import type { Case, Section, Spec } from '../spec/types.js';
import type { Draft } from './draft.js';
import { body, requirementsFor } from './draft.js';
import type { Shape } from './scaffold.js';

export function integrationTask(
  spec: Spec,
  shape: Shape,
  general: readonly Section[],
  visible: readonly Case[],
  leftover: readonly Case[],
  earlier: readonly Draft[],
): Draft {
  const slugs = new Set(general.map((s) => s.slug));
  const requirements = requirementsFor(spec, slugs, leftover);
  const review = spec.cases.length === 0;
  const what =
    shape === 'command'
      ? `the \`${spec.meta.command ?? spec.meta.name}\` program`
      : shape === 'functions'
        ? 'the library'
        : 'the implementation';
  const steps: string[] = [];
  if (visible.length > 0) {
    steps.push(
      `- Run the whole conformance suite (\`ghost test\`): all ${visible.length} visible cases must pass together.`,
    );
  }
  if (review) {
    steps.push(
      "- There are no conformance cases: acceptance rests on review alone. Walk through the spec's " +
        'test/validation matrix and definition of done (below, when the spec has them) and show, with tests ' +
        'of your own, that each item holds.',
    );
  }
  steps.push(
    '- Apply the general rules below across everything built so far (they bind every earlier task).',
    `- Write the implementation's README.md: what ${what} does, that it implements ${spec.meta.name}` +
      `${spec.meta.version ? ` ${spec.meta.version}` : ''}, how to build, test and use it, with one short example per ` +
      `${shape === 'command' ? 'command form' : shape === 'functions' ? 'function' : 'feature'}.`,
  );
  const text = [
    `# Integrate and finish ${spec.meta.name}`,
    '',
    ...steps,
    ...body(general, requirements, leftover, 'These visible cases belong to no earlier task:'),
    '',
    '## Done when',
    '',
    review
      ? '- Every requirement of the spec is met and tested; the README is written.'
      : '- Every visible case passes; the README is written.',
  ].join('\n');
  return {
    key: 'integration',
    kind: 'integration',
    title: `Integrate and finish ${spec.meta.name}`,
    text,
    functions: spec.functions.map((f) => f.name),
    sections: [...general],
    requirements,
    cases: [...leftover],
    caseIds: visible.map((c) => c.id),
    dependsOn: earlier.map((d) => d.key),
  };
}

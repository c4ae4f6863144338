// Section-group tasks, for specs without functions: CLI-shaped specs (command cases) and prose
// specs (no cases at all). Top-level sections are taken in order and small neighbours merged,
// so a long spec gives a sensible number of tasks (at most about MAX_TASKS).
import type { Case, Section, Spec } from '../spec/types.js';
import type { Draft } from './draft.js';
import { body, requirementsFor } from './draft.js';
import { safeKey } from './function-tasks.js';
import { ACCEPTANCE_TITLE, sectionSize, sectionTitle, subtree, topLevel } from './sections.js';

export const MAX_TASKS = 12;
/** Below this many characters a group keeps absorbing its next neighbour. */
export const MIN_GROUP_CHARS = 1500;

export function sectionTasks(
  spec: Spec,
  visible: readonly Case[],
  scaffoldKey: string,
  review: boolean,
): { drafts: Draft[]; unowned: string[] } {
  const { preamble, units } = topLevel(spec);
  const unowned = preamble.map((s) => s.slug);
  const groupable: Section[][] = [];
  for (const u of units) {
    const tree = subtree(u);
    if (ACCEPTANCE_TITLE.test(u.title)) unowned.push(...tree.map((s) => s.slug));
    else groupable.push(tree);
  }
  const drafts = mergeSmall(groupable).map((group): Draft => {
    const sections = group.flat();
    const slugs = new Set(sections.map((s) => s.slug));
    const cases = visible.filter((c) => c.section !== undefined && slugs.has(c.section));
    const requirements = requirementsFor(spec, slugs, cases);
    const heads = group.map((tree) => tree[0]!);
    const title =
      heads.length <= 3
        ? heads.map(sectionTitle).join('; ')
        : `${sectionTitle(heads[0]!)} … ${sectionTitle(heads[heads.length - 1]!)} (${heads.length} sections)`;
    const text = [
      `# ${title}`,
      '',
      'Implement what these sections of the spec describe.',
      ...body(sections, requirements, cases, 'Every one of these visible cases must pass (`ghost test`):'),
      '',
      '## Done when',
      '',
      ...doneWhen(review, cases.length > 0),
    ].join('\n');
    return {
      key: `sec-${safeKey(heads[0]!.slug)}`,
      kind: 'section',
      title,
      text,
      functions: [],
      sections,
      requirements,
      cases,
      dependsOn: [scaffoldKey],
    };
  });
  return { drafts, unowned };
}

function doneWhen(review: boolean, hasCases: boolean): string[] {
  if (hasCases) return ['- Every case above passes, and the requirements above hold beyond the cases.'];
  if (review) {
    return [
      '- Every MUST/SHALL/REQUIRED requirement above is met and covered by a test of your own.',
      '- Every SHOULD requirement is met, or the implementation README says why not.',
    ];
  }
  return ['- The requirements above are met and covered by tests of your own.'];
}

/** Greedy, in document order: close a group once it reaches the threshold size. */
function mergeSmall(units: Section[][]): Section[][][] {
  const size = (u: Section[]): number => u.reduce((n, s) => n + sectionSize(s), 0);
  const total = units.reduce((n, u) => n + size(u), 0);
  const threshold = Math.max(total / MAX_TASKS, MIN_GROUP_CHARS);
  const groups: Section[][][] = [];
  let cur: Section[][] = [];
  let curSize = 0;
  for (const u of units) {
    const n = size(u);
    // A half-full group does not swallow a big neighbour: close it first.
    if (cur.length > 0 && curSize >= threshold / 2 && curSize + n > threshold * 1.5) {
      groups.push(cur);
      cur = [];
      curSize = 0;
    }
    cur.push(u);
    curSize += n;
    if (curSize >= threshold) {
      groups.push(cur);
      cur = [];
      curSize = 0;
    }
  }
  if (cur.length > 0) {
    // A small remainder joins the previous group rather than making a thin task.
    const last = groups[groups.length - 1];
    if (last && curSize < threshold / 2) last.push(...cur);
    else groups.push(cur);
  }
  return groups;
}

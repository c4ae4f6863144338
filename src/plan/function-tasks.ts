// One task per function group, carrying the sections that document it, the shared rule
// sections that bind it (shared.ts), its requirements, its visible cases, and dependencies on
// the groups its prose mentions or refers to.
import type { Case, Spec } from '../spec/types.js';
import type { Draft } from './draft.js';
import { body, requirementsFor } from './draft.js';
import { dependencies } from './deps.js';
import { assignSections, groupFunctions } from './groups.js';
import { renderDecl } from './render.js';
import { sharedSections } from './shared.js';
import type { SectionIndex } from './sections.js';
import { sectionProse } from './sections.js';

export function functionTasks(
  spec: Spec,
  index: SectionIndex,
  visible: readonly Case[],
  scaffoldKey: string,
): { drafts: Draft[]; unowned: string[]; warnings: string[] } {
  const groups = groupFunctions(spec);
  const { owned, unowned } = assignSections(spec, groups, index, visible);
  const warnings: string[] = [];
  const used = new Set<string>();
  // Each group's visible cases in spec order, in one pass: specs with hundreds of cases.
  const groupOf = new Map(owned.flatMap((g, i) => g.functions.map((f) => [f.name, i] as const)));
  const cases: Case[][] = owned.map(() => []);
  const called = new Set<string>();
  for (const c of visible) {
    if (c.kind !== 'call') continue;
    called.add(c.fn);
    const i = groupOf.get(c.fn);
    if (i !== undefined) cases[i]!.push(c);
  }
  // A task's own prose is its sections minus any catalogue section several tasks carry (it
  // names every function): mentions and references are looked for there only.
  const catalogue = carriedTwice(owned.map((g) => g.sections));
  const own = owned.map((g) => g.sections.filter((s) => !catalogue.has(s)).map((s) => index.bySlug.get(s)!));
  const { shared, refs } = sharedSections(spec, index, unowned, own, cases);

  const drafts: Draft[] = owned.map((g, i) => {
    const sections = g.sections.map((s) => index.bySlug.get(s)!);
    const rules = shared[i]!;
    const mine = cases[i]!;
    for (const fn of g.functions) {
      if (!called.has(fn.name)) {
        warnings.push(`function \`${fn.name}\` has no visible cases; its task rests on prose alone`);
      }
    }
    const slugs = new Set([...g.sections, ...rules.map((s) => s.slug)]);
    const requirements = requirementsFor(spec, slugs, mine);
    const list = g.functions.map((f) => `\`${f.name}\``).join(', ');
    const text = [
      `# Implement ${list}`,
      '',
      g.functions.length > 1
        ? 'These functions are documented together; implement them together, as the spec describes:'
        : 'Implement this function as the spec describes:',
      '',
      ...g.functions.map(renderDecl),
      ...body(sections, requirements, mine, 'Every one of these visible cases must pass (`ghost test`):', rules),
      '',
      '## Done when',
      '',
      mine.length > 0
        ? '- Every case above passes, and the requirements above hold beyond the cases (no special-casing of inputs).'
        : '- No visible case checks this task: meet every requirement above and add tests of your own.',
    ].join('\n');
    return {
      key: uniqueKey(`fn-${safeKey(g.functions[0]!.name)}`, used),
      kind: 'function',
      title: `Implement ${g.functions.map((f) => f.name).join(', ')}`,
      text,
      functions: g.functions.map((f) => f.name),
      sections: [...sections, ...rules],
      requirements,
      cases: mine,
      dependsOn: [scaffoldKey],
    };
  });
  // Dependencies: functions a task's own prose mentions, and tasks whose own sections it
  // refers to (`§2`, a link, a case checking a requirement written there: semver's `sort`
  // cases check compare's precedence rule).
  const prose = own.map((list) => list.map((s) => sectionProse(s)).join('\n'));
  const deps = dependencies(
    prose,
    drafts.map((d) => d.functions),
    refs,
  );
  deps.forEach((js, i) => drafts[i]!.dependsOn.push(...js.map((j) => drafts[j]!.key)));
  return { drafts: topoOrder(drafts, deps), unowned, warnings };
}

/** Slugs that appear in more than one list. */
function carriedTwice(lists: readonly string[][]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const list of lists) {
    for (const s of list) {
      if (seen.has(s)) shared.add(s);
      seen.add(s);
    }
  }
  return shared;
}

export function safeKey(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'x'
  );
}

/** Keys become ids, so they must be unique even when long names truncate alike. */
export function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

/**
 * Tasks in an order that respects dependencies, otherwise in declaration order: at each step
 * the first-declared task whose dependencies are all placed. `deps` must be acyclic.
 */
function topoOrder<T>(items: readonly T[], deps: readonly number[][]): T[] {
  const placed = new Array<boolean>(items.length).fill(false);
  const out: T[] = [];
  while (out.length < items.length) {
    const next = items.findIndex((_x, i) => !placed[i] && (deps[i] ?? []).every((j) => placed[j]));
    placed[next] = true;
    out.push(items[next]!);
  }
  return out;
}

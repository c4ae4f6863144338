// The deterministic task planner: Spec → Plan. Same Spec, byte-identical Plan: no clocks, no
// absolute paths, document order everywhere. Hidden cases never enter a task.
import type { Spec } from '../spec/types.js';
import type { Draft } from './draft.js';
import { finalize } from './finalize.js';
import { sha16 } from './hash.js';
import { functionTasks } from './function-tasks.js';
import { integrationTask } from './integration.js';
import { resolveLanguage } from '../languages/index.js';
import { scaffoldText, type Shape } from './scaffold.js';
import { sectionTasks } from './section-tasks.js';
import { indexSections } from './sections.js';
import type { Plan } from './types.js';

export type { Plan, Task, TaskKind } from './types.js';
export { planSchema, validatePlan } from './schema.js';
export { formatPlan } from './format.js';

export interface PlanOptions {
  /**
   * Target language: a canonical id or alias from src/languages (`ts` → `typescript`); an
   * unknown one is a UserError. The scaffold is generic without it.
   */
  language?: string;
}

/** CLI-shaped when the spec names a command or has command cases and no functions. */
export function specShape(spec: Spec): Shape {
  if (spec.meta.command !== undefined) return 'command';
  if (spec.functions.length > 0) return 'functions';
  if (spec.cases.some((c) => c.kind === 'command')) return 'command';
  return 'prose';
}

export function makePlan(spec: Spec, options: PlanOptions = {}): Plan {
  const shape = specShape(spec);
  const index = indexSections(spec.sections);
  const visible = spec.cases.filter((c) => !c.hidden);
  const hidden = spec.cases.length - visible.length;
  const review = spec.cases.length === 0;
  const warnings: string[] = [];
  if (review) warnings.push('the spec has no conformance cases: acceptance will rest on review alone');
  else if (visible.length === 0)
    warnings.push('every case is hidden: implementers get no visible case to work against');

  const lang = options.language ? resolveLanguage(options.language) : undefined;
  const scaffold: Draft = {
    key: 'scaffold',
    kind: 'scaffold',
    // The title keeps the canonical (lower-case) language name: build commit subjects quote it.
    title: `Scaffold the ${lang ? `${lang.id} ` : ''}project${shape === 'prose' ? '' : ' and conformance wiring'}`,
    text: scaffoldText(spec, shape, lang),
    functions: spec.functions.map((f) => f.name),
    sections: [],
    requirements: [],
    cases: [],
    dependsOn: [],
  };

  let middle: Draft[];
  let unowned: string[];
  if (shape === 'functions') {
    const r = functionTasks(spec, index, visible, scaffold.key);
    middle = r.drafts;
    unowned = r.unowned;
    warnings.push(...r.warnings);
  } else {
    const r = sectionTasks(spec, visible, scaffold.key, review);
    middle = r.drafts;
    unowned = r.unowned;
  }
  const carried = new Set(middle.flatMap((d) => d.cases.map((c) => c.id)));
  const leftover = visible.filter((c) => !carried.has(c.id));
  // Both kinds of middle task list what they leave over in document order.
  const general = unowned.map((slug) => index.bySlug.get(slug)!);
  const integration = integrationTask(spec, shape, general, visible, leftover, [scaffold, ...middle]);
  const tasks = finalize([scaffold, ...middle, integration]);

  const plan: Plan = {
    planVersion: 1,
    spec: { name: spec.meta.name, ...(spec.meta.version ? { version: spec.meta.version } : {}), hash: spec.hash },
    acceptance: review ? 'review' : 'cases',
    shape,
    ...(lang ? { language: lang.id } : {}),
    tasks,
    cases: { visible: visible.length, hidden },
    warnings,
    hash: sha16(tasks.map((t) => t.hash)),
  };
  return plan;
}

// Whole-spec checks that need every part at once: duplicate case ids, requirements and
// functions no case exercises, and a spec with no cases at all.
import type { Diagnostics } from './diagnostics.js';
import type { Requirement, Spec } from './types.js';

const MUST_LEVEL = new Set(['MUST', 'MUST NOT', 'REQUIRED', 'SHALL', 'SHALL NOT']);

export interface CheckContext {
  /** Conformance/example blocks and case files the spec has, parsed or not. */
  caseSources: number;
  /** Functions named by any case, including cases that failed to validate. */
  mentionedFunctions: Set<string>;
}

export function checkSpec(spec: Spec, diags: Diagnostics, ctx: CheckContext): void {
  const first = new Map<string, Spec['cases'][number]>();
  for (const c of spec.cases) {
    const seen = first.get(c.id);
    if (!seen) {
      first.set(c.id, c);
      continue;
    }
    const where =
      seen.location.file === c.location.file
        ? `line ${seen.location.start.line}`
        : `${seen.location.file}:${seen.location.start.line}`;
    diags.error('duplicate-case', `duplicate case id \`${c.id}\` (first defined at ${where})`, c.location);
  }
  if (spec.cases.length === 0) {
    // Cases were written but none survived: the errors already say why.
    if (ctx.caseSources > 0) return;
    diags.warning('no-cases', 'the spec has no conformance cases: acceptance will rest on review alone', {
      file: spec.file,
      start: { line: 1, column: 1 },
    });
    return;
  }
  for (const req of untestedRequirements(spec)) {
    if (!MUST_LEVEL.has(req.level)) continue;
    diags.warning(
      'untested-requirement',
      `requirement \`${req.id}\` (${req.level}) is not checked by any case`,
      req.location,
    );
  }
  const called = new Set(spec.cases.flatMap((c) => (c.kind === 'call' ? [c.fn] : [])));
  for (const fn of spec.functions) {
    if (!called.has(fn.name) && !ctx.mentionedFunctions.has(fn.name))
      diags.warning('untested-function', `function \`${fn.name}\` has no cases`, fn.location);
  }
}

/**
 * Requirements no case references, in sections that hold no cases (any level). A section
 * "holds" the cases written in it and the cases calling a function it declares, so imported
 * tests.yaml cases cover the sections of their functions.
 */
export function untestedRequirements(spec: Spec): Requirement[] {
  const referenced = new Set(spec.cases.flatMap((c) => c.requirements));
  const sectionOf = new Map(spec.functions.map((f) => [f.name, f.section]));
  const sectionsWithCases = new Set(
    spec.cases.flatMap((c) =>
      [c.section, c.kind === 'call' ? sectionOf.get(c.fn) : undefined].filter((s): s is string => s !== undefined),
    ),
  );
  return spec.requirements.filter((r) => !referenced.has(r.id) && !sectionsWithCases.has(r.section));
}

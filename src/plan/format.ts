// The human-readable plan: one block per task, then warnings. `ghost plan` without --json.
import picocolors from 'picocolors';
import { showInvisible } from './render.js';
import type { Plan } from './types.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `color`: the caller decides (a terminal or not); the plan itself knows nothing of streams. */
export function formatPlan(plan: Plan, color = false): string {
  const pc = picocolors.createColors(color);
  const name = plan.spec.version ? `${plan.spec.name} ${plan.spec.version}` : plan.spec.name;
  const hidden = plan.cases.hidden > 0 ? ` (+${plan.cases.hidden} hidden)` : '';
  const lines = [
    `${pc.bold(name)}: ${plural(plan.tasks.length, 'task')}, ${plural(plan.cases.visible, 'visible case')}${hidden}, ` +
      `acceptance by ${plan.acceptance === 'cases' ? 'conformance' : pc.yellow('review')}` +
      (plan.language ? `, ${plan.language}` : ''),
    '',
  ];
  const width = Math.max(...plan.tasks.map((t) => t.id.length));
  plan.tasks.forEach((t, i) => {
    lines.push(`${pc.cyan(t.id.padEnd(width))}  ${showInvisible(t.title)}`);
    const facts: string[] = [];
    if (t.kind === 'function' && t.functions.length > 0) facts.push(`functions: ${t.functions.join(', ')}`);
    if (t.sections.length > 0) facts.push(plural(t.sections.length, 'section'));
    // The scaffold carries no spec text; "0 requirements · 0 cases" would only be noise.
    if (t.kind !== 'scaffold') facts.push(plural(t.requirements.length, 'requirement'), plural(t.cases.length, 'case'));
    // The integration task depends on everything; listing every id only adds noise.
    if (t.dependsOn.length > 0 && t.dependsOn.length === i && t.dependsOn.length > 2)
      facts.push('after all tasks above');
    else if (t.dependsOn.length > 0) facts.push(`after ${t.dependsOn.join(', ')}`);
    if (facts.length > 0) lines.push(`${' '.repeat(width)}  ${pc.dim(facts.join(' · '))}`);
  });
  if (plan.warnings.length > 0) {
    lines.push('');
    for (const w of plan.warnings) lines.push(`${pc.yellow('warning')}: ${showInvisible(w)}`);
  }
  lines.push('', pc.dim(`plan ${plan.hash}`));
  return lines.join('\n') + '\n';
}

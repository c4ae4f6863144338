// The report for people (pretty), for tools (json), and as a case file (--emit-cases).
import pc from 'picocolors';
import { describe, flow } from './case-yaml.js';
import type { FuzzReport, Pattern } from './types.js';

const PATTERN_TITLES: Record<Pattern, string> = {
  'value-vs-value': 'value vs value',
  'value-vs-error': 'value vs error',
  'error-kind-vs-error-kind': 'error kind vs error kind',
  'crash-or-timeout': 'crash or timeout',
  'undeclared-error': 'error of an undeclared kind',
  'wrong-type': 'result not of the declared type',
  nondeterministic: 'different answers to the same input',
};

function indent(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

function pretty(r: FuzzReport): string {
  const out: string[] = [];
  const secs = (r.durationMs / 1000).toFixed(1);
  out.push(
    `${pc.bold(`ghost fuzz ${r.spec.name}`)} (seed ${r.seed}${r.usedCases ? '' : ', prose and interface only'}): ${r.impls.length} implementation${r.impls.length === 1 ? '' : 's'}, ${r.inputs} inputs in ${secs} s (${r.inputsPerMinute.toLocaleString('en-US')} inputs per implementation per minute)`,
  );
  r.impls.forEach((im, i) => out.push(`  ${String.fromCharCode(65 + (i % 26))}  ${im.dir} (${im.language})`));
  for (const g of r.groups) {
    out.push(
      '',
      `${pc.red('✗')} ${pc.bold(g.fn)} — ${PATTERN_TITLES[g.pattern]} (${g.inputs} of the generated inputs)`,
    );
    const where = g.sections.map((s) => (s.number ? `§${s.number} ${s.title}` : s.title));
    if (where.length > 0) out.push(`  governed by: ${where.join('; ')}`);
    if (g.requirements.length > 0) out.push(`  requirements: ${g.requirements.join(', ')}`);
    for (const x of g.examples) {
      const label = x.swept ? 'minimal input (found by the sweep)' : 'minimal input';
      out.push(`  ${label}: ${flow(x.args)}${x.shrinks > 0 ? pc.dim(` (${x.shrinks} shrinks)`) : ''}`);
      if (x.why) out.push(`    ${x.why}`);
      x.answers.forEach((a, i) => out.push(`    ${String.fromCharCode(65 + (i % 26))}: ${describe(a)}`));
      out.push('  case:', indent(x.caseYaml, '    '));
    }
  }
  const found = r.groups.reduce((n, g) => n + g.examples.length, 0);
  const what = r.mode === 'single' ? 'finding' : 'disagreement';
  const clean = r.functions.filter((f) => f.findings === 0 && !f.skipped).map((f) => f.name);
  const skipped = r.functions.filter((f) => f.skipped);
  out.push('');
  for (const f of skipped) out.push(pc.yellow(`skipped ${f.name}: ${f.skipped}`));
  if (r.timedOut)
    out.push(pc.yellow('the time limit stopped the search before every input ran (see --time-limit, --runs)'));
  out.push(
    found > 0 || r.groups.length > 0
      ? pc.red(
          `${found} ${what}${found === 1 ? '' : 's'} (shrunk) in ${new Set(r.groups.map((g) => g.fn)).size} function(s)${clean.length > 0 ? `; none in ${clean.join(', ')}` : ''}`,
        )
      : pc.green(`no ${what}s in ${r.inputs} inputs (seed ${r.seed})`),
  );
  return `${out.join('\n')}\n`;
}

export function renderFuzz(r: FuzzReport, format: 'pretty' | 'json'): string {
  return format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : pretty(r);
}

/** Every example's case, as one case file (spec-format §5, native layout). */
export function emittedCases(r: FuzzReport): string {
  const head = `# ghost fuzz ${r.spec.name}, seed ${r.seed}: one case per disagreement; fill in every FIXME, check every majority answer.\n`;
  return head + r.groups.flatMap((g) => g.examples.map((x) => x.caseYaml)).join('\n');
}

// The words the agents are given. Kept in one place so the role split is visible: the
// implementer sees tasks and visible cases; the reviewer sees the spec, the diff and the
// (redacted) conformance results. Neither ever sees a hidden case.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan, Task } from '../plan/types.js';
import type { GateSummary } from './gate.js';
import type { Verdict } from './verdict.js';
import { findLanguage } from '../languages/index.js';

/**
 * How an implementer checks its work and says it is done. ghost's own tool loop has
 * run_conformance and finish; an agent CLI brings its own tools, so it gets a command line
 * over the visible snapshot and ends with its final message.
 */
export interface Toolset {
  check: string;
  done: string;
}

export const GHOST_TOOLS: Toolset = {
  check: 'Run run_conformance to check your work',
  done: 'call finish with a short summary',
};

/** For agent CLIs: `ghost test` over the visible snapshot (no hidden case is in it). */
export function cliToolset(specFile: string): Toolset {
  const ghost = fileURLToPath(new URL('../../bin/ghost.js', import.meta.url));
  return {
    check: `Check your work with \`node ${ghost} test .ghost/spec/${path.basename(specFile)} --impl .\` (the visible cases)`,
    done: 'end with a short summary of what you did as your final message',
  };
}

export function implementerInstructions(language: string, tools: Toolset = GHOST_TOOLS): string {
  return [
    `You are the implementer of a ghost library: a library specified in Markdown, built in ${findLanguage(language)?.display ?? language}.`,
    'Work only inside the repository you are given. The spec (with its visible',
    'conformance cases) is in .ghost/spec/, the plan in .ghost/plan.json, and ghost.json tells the',
    'conformance runner how to load your code. Follow the spec exactly: the conformance suite decides',
    'acceptance, including hidden cases you will never see, so implement the rules, not the examples.',
    `Never hard-code expected outputs. ${tools.check}, fix what fails, and ${tools.done} when the task is done.`,
  ].join('\n');
}

export function taskPrompt(plan: Plan, task: Task): string {
  const deps = task.dependsOn.length ? `Depends on: ${task.dependsOn.join(', ')} (already done).\n` : '';
  const reqs = task.requirements.length ? `Requirements: ${task.requirements.join(', ')}\n` : '';
  const cases = task.cases.length
    ? `Visible cases for this task (run_conformance with pattern to focus): ${task.cases.join(', ')}\n`
    : '';
  return [
    `# Task ${task.id}: ${task.title}`,
    `Library: ${plan.spec.name}${plan.spec.version ? ` ${plan.spec.version}` : ''}`,
    deps + reqs + cases,
    task.text,
  ].join('\n');
}

export function fixPrompt(
  round: number,
  gate: GateSummary,
  verdict: Verdict | undefined,
  tools: Toolset = GHOST_TOOLS,
): string {
  const lines = [`# Fix round ${round}`, '', 'The build was not accepted yet. Repair the implementation.', ''];
  if (gate.visibleFailures.length) {
    lines.push('## Failing visible cases');
    for (const f of gate.visibleFailures) lines.push(`- ${f.id}: ${f.message ?? f.status}`);
    lines.push('');
  }
  if (gate.hidden.failed > 0) {
    lines.push(
      '## Hidden cases',
      `${gate.hidden.failed} of ${gate.hidden.total} hidden cases fail.` +
        (gate.hidden.requirements.length
          ? ` They check requirements: ${gate.hidden.requirements.join(', ')}. Re-read those rules in the spec.`
          : ' Re-read the spec for the rules your code does not follow yet.'),
      '',
    );
  }
  const findings = verdict?.findings.filter((f) => f.severity !== 'minor') ?? [];
  if (findings.length) {
    lines.push('## Review findings');
    for (const f of findings) {
      const where = f.line ? `${f.file}:${f.line}` : f.file;
      lines.push(`- [${f.severity}] ${where}${f.requirement ? ` (${f.requirement})` : ''}: ${f.message}`);
    }
    lines.push('');
  }
  lines.push(`${tools.check} to confirm, then ${tools.done}.`);
  return lines.join('\n');
}

export function reviewerInstructions(): string {
  return [
    'You are the reviewer of a ghost library implementation. You cannot change files.',
    'Check the code against the spec in .ghost/spec/: every MUST/SHALL requirement, error handling,',
    'edge cases, and signs of gaming the tests (hard-coded expected outputs, special-casing inputs).',
    'Use the read-only tools to inspect the repository. Answer with a JSON verdict:',
    '{"decision":"approve"|"request_changes","findings":[{"file","line"?,"severity":"blocking"|"major"|"minor","requirement"?,"message"}]}.',
    'Use "blocking" only for real spec violations or test gaming; approve when none remain.',
  ].join('\n');
}

export function reviewPrompt(input: {
  specName: string;
  diffStat: string;
  diff: string;
  gate: GateSummary;
  hardcoding?: string;
}): string {
  const { gate } = input;
  return [
    `# Review: ${input.specName}`,
    '',
    `Conformance: ${gate.passed}/${gate.total} cases pass` +
      ` (hidden: ${gate.hidden.total - gate.hidden.failed}/${gate.hidden.total}).`,
    gate.visibleFailures.length
      ? `Failing visible cases: ${gate.visibleFailures.map((f) => f.id).join(', ')}`
      : 'All visible cases pass.',
    gate.hidden.requirements.length ? `Hidden failures touch requirements: ${gate.hidden.requirements.join(', ')}` : '',
    input.hardcoding ? `\n## Suspicious implementation\n${input.hardcoding}` : '',
    '',
    '## Changes since the scaffold',
    '```',
    input.diffStat,
    '```',
    '```diff',
    input.diff,
    '```',
  ].join('\n');
}

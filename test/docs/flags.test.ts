// Every flag the docs name for a ghost command exists in the CLI, so a reader who copies a
// command line from README.md or docs/ never meets "unknown option".
import { readdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';

const DOCS = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const GLOBAL = ['--help', '--version', '--debug'];
// Flags of the other programs the docs explain (Codex, Claude Code, npm, git, the spec examples' programs).
const FOREIGN = [
  '--output-last-message',
  '--allowedTools',
  '--disallowedTools',
  '--dangerously-skip-permissions',
  '--dangerously-bypass-approvals-and-sandbox',
  '--access',
  '--permission-mode',
  '--output-format',
  '--skip-git-repo-check',
  '--cd',
  '--stat',
  '--words',
  '--lines',
  // bubblewrap (docs/security.md), git (ghost's hardened calls), cargo
  '--unshare-all',
  '--share-net',
  '--die-with-parent',
  '--new-session',
  '--cap-drop',
  '--no-verify',
  '--no-ext-diff',
  '--no-textconv',
  '--offline',
];

function flagsOf(cmd: Command): Set<string> {
  const out = new Set(GLOBAL);
  for (const o of cmd.options) if (o.long) out.add(o.long);
  return out;
}

const program = buildProgram();
const byCommand = new Map(program.commands.map((c) => [c.name(), flagsOf(c)]));
const anyCommand = new Set([...byCommand.values()].flatMap((s) => [...s]));

/** Code the docs show: fenced blocks and inline code spans. */
function codeOf(file: string): string[] {
  const out: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.value) out.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(unified().use(remarkParse).parse(readFileSync(file, 'utf8')) as never);
  return out;
}

/** Problems in one code snippet: flags on a `ghost CMD` line that CMD lacks; lone flags no command has. */
function staleFlags(code: string): string[] {
  const problems: string[] = [];
  const unquoted = code.replace(/'[^'\n]*'|"[^"\n]*"/g, '""');
  for (const m of unquoted.matchAll(/(?:^|[\s(])(?:npx |node bin\/)?ghost(?:\.js)? ([a-z]+)([^\n|;&#]*)/g)) {
    const flags = byCommand.get(m[1]!);
    if (!flags) continue; // prose: "ghost libraries"
    for (const [flag] of m[2]!.matchAll(/--[a-zA-Z][\w-]*/g))
      if (!flags.has(flag)) problems.push(`ghost ${m[1]} has no ${flag}`);
  }
  const lone = /^(--[a-zA-Z][\w-]*)/.exec(code.trim())?.[1];
  if (lone && !anyCommand.has(lone) && !FOREIGN.includes(lone)) problems.push(`no ghost command has ${lone}`);
  return problems;
}

describe('flags in the docs', () => {
  it.each(DOCS)('%s names only flags the CLI has', (file) => {
    expect(codeOf(file).flatMap(staleFlags)).toEqual([]);
  });

  it('catches a stale flag', () => {
    expect(staleFlags("ghost build spec.md --agent-command 'my-agent --task-file x'")).toEqual([
      'ghost build has no --agent-command',
    ]);
    expect(staleFlags('--agent-command "…"')).toEqual(['no ghost command has --agent-command']);
    expect(staleFlags('npx ghost test spec.md --impl DIR --reporter junit')).toEqual([]);
    expect(staleFlags('ghost plan spec.md --resume')).toEqual(['ghost plan has no --resume']);
  });
});

// Command lines for external agent CLIs. Placeholders: {prompt_file} (absolute path of the
// prompt written to .ghost/prompt.md), {prompt} (its text), {cwd} (the build repo),
// {model}, {max_turns}. Built-in templates add model flags only when a model is configured.

export type ExecTemplateName = 'codex' | 'claude';

export interface ExecTemplate {
  argv: string[];
  /** How to read the CLI's stdout: plain text, or Claude Code's `--output-format json` object. */
  output: 'text' | 'claude-json';
  /** Also write the prompt text to the CLI's stdin (e.g. `codex exec -`). */
  stdin?: boolean;
  /** A file (relative to cwd) the CLI writes its last message to, preferred over stdout. */
  lastMessageFile?: string;
}

export const LAST_MESSAGE_FILE = '.ghost/last-message.md';

export function builtinTemplate(name: ExecTemplateName, model?: string, role: 'implementer' | 'reviewer' = 'implementer'): ExecTemplate {
  if (name === 'codex') {
    // `codex exec`: non-interactive; `--sandbox workspace-write` lets it edit the repo
    // (`--full-auto` is the older spelling); progress goes to stderr, the final message to
    // stdout and to --output-last-message. Reviewers get the read-only sandbox.
    return {
      argv: [
        'codex', 'exec',
        '--sandbox', role === 'reviewer' ? 'read-only' : 'workspace-write',
        '--skip-git-repo-check',
        '--cd', '{cwd}',
        '--output-last-message', `{cwd}/${LAST_MESSAGE_FILE}`,
        ...(model ? ['--model', model] : []),
        '{prompt}',
      ],
      output: 'text',
      lastMessageFile: LAST_MESSAGE_FILE,
    };
  }
  // `claude -p`: headless Claude Code; acceptEdits auto-approves file edits (commands it
  // has no permission for are refused — use a custom command with
  // --dangerously-skip-permissions inside a sandbox if it must run tests).
  return {
    argv: [
      'claude', '-p', '{prompt}',
      '--output-format', 'json',
      '--permission-mode', 'acceptEdits',
      '--max-turns', '{max_turns}',
      ...(model ? ['--model', model] : []),
    ],
    output: 'claude-json',
  };
}

/** Split a command line string into argv (single/double quotes, backslash escapes; no expansion). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in command line: ${line}`);
  if (has) out.push(cur);
  return out;
}

export function fillPlaceholders(argv: readonly string[], values: Record<string, string>): string[] {
  return argv.map((a) => a.replace(/\{(prompt_file|prompt|cwd|model|max_turns)\}/g, (m, k: string) => values[k] ?? m));
}

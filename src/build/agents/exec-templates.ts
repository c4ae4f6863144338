// Command lines for external agent CLIs. Placeholders: {prompt_file} (absolute path of the
// prompt written to .ghost/prompt.md), {prompt} (its text), {cwd} (the build repo),
// {model}, {max_turns}. Built-in templates add model flags only when a model is configured.

export type ExecTemplateName = 'codex' | 'claude';

export interface ExecTemplate {
  argv: string[];
  /** How to read the CLI's stdout: plain text, `codex exec --json` events, or Claude Code's JSON (or stream-json) result. */
  output: 'text' | 'codex-jsonl' | 'claude-json';
  /** Also write the prompt text to the CLI's stdin (e.g. `codex exec -`). */
  stdin?: boolean;
  /** A file (relative to cwd) the CLI writes its last message to, preferred over stdout. */
  lastMessageFile?: string;
  /** Configuration the CLI reads from its environment (never secrets); beats the user's. */
  env?: Record<string, string>;
  /** Defaults the user's own environment may override (e.g. retry counts). */
  envDefaults?: Record<string, string>;
}

export interface TemplateSettings {
  model?: string;
  role?: 'implementer' | 'reviewer';
  /** The model server, when the user named one (--base-url, OPENAI_BASE_URL / ANTHROPIC_BASE_URL). */
  baseURL?: string;
  /** The variable holding the key the CLI sends (Codex's `env_key`); default OPENAI_API_KEY. */
  keyEnv?: string;
}

export const LAST_MESSAGE_FILE = '.ghost/last-message.md';

/** A TOML string for `codex -c key=value` overrides. */
const toml = (s: string) => JSON.stringify(s);

/**
 * Codex's built-in provider ignores OPENAI_BASE_URL: a server is reached through a provider
 * of our own, declared with `-c` overrides (wire_api "responses", the key from `keyEnv`), with
 * few retries so a dead server fails in seconds, not forever.
 */
function codexProvider(baseURL: string, keyEnv: string): string[] {
  const p = 'model_providers.ghost';
  return [
    '-c',
    `model_provider=${toml('ghost')}`,
    '-c',
    `${p}.name=${toml('ghost')}`,
    '-c',
    `${p}.base_url=${toml(baseURL)}`,
    '-c',
    `${p}.env_key=${toml(keyEnv)}`,
    '-c',
    `${p}.wire_api=${toml('responses')}`,
    '-c',
    `${p}.request_max_retries=1`,
    '-c',
    `${p}.stream_max_retries=1`,
  ];
}

/** Claude Code must not phone home (telemetry, updates) from inside a build. */
const CLAUDE_QUIET_ENV: Record<string, string> = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
};

/** Claude Code's tools: the implementer edits and runs commands; the reviewer only reads. */
const CLAUDE_TOOLS = {
  implementer: ['--permission-mode', 'acceptEdits', '--allowedTools', 'Bash,Read,Write,Edit,Glob,Grep'],
  reviewer: [
    '--permission-mode',
    'default',
    '--allowedTools',
    'Read,Glob,Grep',
    '--disallowedTools',
    'Bash,Write,Edit,MultiEdit,NotebookEdit',
  ],
};

export function builtinTemplate(name: ExecTemplateName, settings: TemplateSettings = {}): ExecTemplate {
  const { model, role = 'implementer', baseURL } = settings;
  if (name === 'codex') {
    // `codex exec --json`: non-interactive, events on stdout (usage per turn), the final
    // message also in --output-last-message. Reviewers get Codex's read-only sandbox.
    return {
      argv: [
        'codex',
        'exec',
        '--json',
        '--sandbox',
        role === 'reviewer' ? 'read-only' : 'workspace-write',
        '--skip-git-repo-check',
        '--cd',
        '{cwd}',
        '--output-last-message',
        `{cwd}/${LAST_MESSAGE_FILE}`,
        ...(baseURL ? codexProvider(baseURL, settings.keyEnv ?? 'OPENAI_API_KEY') : []),
        ...(model ? ['--model', model] : []),
        '{prompt}',
      ],
      output: 'codex-jsonl',
      lastMessageFile: LAST_MESSAGE_FILE,
    };
  }
  // `claude -p`: headless Claude Code; ANTHROPIC_BASE_URL names the server.
  return {
    // stream-json (needs --verbose in -p mode) shows every step, for --record; its last line is
    // the result object that --output-format json prints
    argv: [
      'claude',
      '-p',
      '{prompt}',
      '--output-format',
      'stream-json',
      '--verbose',
      ...CLAUDE_TOOLS[role],
      '--max-turns',
      '{max_turns}',
      ...(model ? ['--model', model] : []),
    ],
    output: 'claude-json',
    env: { ...CLAUDE_QUIET_ENV, ...(baseURL ? { ANTHROPIC_BASE_URL: baseURL } : {}) },
    // Claude Code retries 401/5xx for minutes by default; a refused key should fail in seconds.
    envDefaults: { CLAUDE_CODE_MAX_RETRIES: '2' },
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

/**
 * Codex's own sandbox is bubblewrap too, and cannot nest inside ghost's jail (a nested user
 * namespace gets no uid map: "bwrap: setting up uid map: Operation not permitted", seen with
 * codex 0.171.0). Inside ghost's jail it is turned off and ghost's jail is the boundary: the
 * implementer writes only the repo, the reviewer's repo is read-only.
 */
export function withoutInnerSandbox(argv: readonly string[]): string[] {
  const i = argv.indexOf('--sandbox');
  if (argv[0] !== 'codex' || i === -1) return [...argv];
  return [...argv.slice(0, i), '--dangerously-bypass-approvals-and-sandbox', ...argv.slice(i + 2)];
}

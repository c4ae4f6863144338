// Exec provider: runs an external agent CLI (Codex, Claude Code, or any command line) in the
// build repo. The CLI brings its own tools, so `request.tools` is not passed: the build reads
// the repo diff itself. The prompt goes to .ghost/prompt.md (git-excluded). stdout/stderr go
// into the transcript; the final message is the CLI's last message (or last output lines).
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProcess, type IsolationMode } from '../../process/index.js';
import { agentConfigEnv } from '../../util/env.js';
import { execJail } from './exec-jail.js';
import {
  builtinTemplate,
  withoutInnerSandbox,
  fillPlaceholders,
  splitCommandLine,
  type ExecTemplate,
  type ExecTemplateName,
} from './exec-templates.js';
import { parseClaudeJson, parseCodexJsonl, type ExecOutcome } from './exec-output.js';
import { claudeTurns, codexTurns } from './exec-record.js';
import { systemPrompt } from './loop.js';
import { costOf, lookupPrice, type PriceTable } from './pricing.js';
import { SessionRecorder } from './session-file.js';
import { classifySetupFailure, setupMessage } from './setup-error.js';
import { DEFAULT_STALL_MS } from './stall.js';
import { checkStructured } from './structured.js';
import type { EndReason, Provider, SessionRequest, SessionResult, TranscriptEntry, Usage } from './types.js';

export const PROMPT_FILE = '.ghost/prompt.md';

export interface ExecProviderOptions {
  /** A built-in template, or ... */
  template?: ExecTemplateName;
  /** ... a command line (string or argv) with {prompt_file}/{prompt}/{cwd}/{model}/{max_turns}. */
  command?: string | string[];
  /** How to read a custom command's stdout; default `text`. */
  output?: ExecTemplate['output'];
  /** Pipe the prompt text to the command's stdin. */
  stdin?: boolean;
  model?: string;
  /** Kill the CLI after this long; default: the session's maxWallMs. */
  timeoutMs?: number;
  /** End the session as `stalled` when the CLI prints nothing for this long; default 10 minutes. */
  stallMs?: number;
  /** Variables of ghost's environment the CLI may see (its API key); the rest is an allow-list. */
  envAllow?: string[];
  /** The agent jail (exec-jail.ts): `auto` (default) when bubblewrap works. */
  isolation?: IsolationMode;
  /** The model server (built-in templates only): Codex gets a provider override, Claude ANTHROPIC_BASE_URL. */
  baseURL?: string;
  /** The variable holding the key Codex sends to `baseURL`; default OPENAI_API_KEY. */
  keyEnv?: string;
  /** Prices for CLIs that report tokens but no cost (Codex). */
  prices?: PriceTable;
  /** Output kept in the transcript; default 256 KiB (head + tail). */
  maxOutputBytes?: number;
  /** Append Codex sessions (`codex-jsonl` output) to this session file (`--record`). */
  record?: string | SessionRecorder;
  /** Lines of output used as the final message when the CLI gives no explicit one; default 20. */
  finalLines?: number;
}

/**
 * Keep our scratch files out of the diff: exact paths in .git/info/exclude (not all of
 * .ghost/, which the build uses for files it commits).
 */
async function excludeScratch(cwd: string, files: string[]): Promise<void> {
  if (!existsSync(path.join(cwd, '.git'))) return;
  const info = path.join(cwd, '.git', 'info');
  const file = path.join(info, 'exclude');
  const cur = await readFile(file, 'utf8').catch(() => '');
  const have = new Set(cur.split(/\r?\n/));
  const add = files.map((f) => `/${f}`).filter((f) => !have.has(f));
  if (add.length === 0) return;
  await mkdir(info, { recursive: true });
  await appendFile(file, `${cur === '' || cur.endsWith('\n') ? '' : '\n'}${add.join('\n')}\n`);
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split(/\r?\n/).slice(-n).join('\n');
}

export class ExecProvider implements Provider {
  readonly name = 'exec';
  readonly model: string;
  /** The built-in CLI, when one is used (names it in setup errors). */
  private cli: string | undefined;
  private readonly template: ExecTemplate;
  private readonly reviewTemplate: ExecTemplate;
  private readonly recorder: SessionRecorder | undefined;

  constructor(private readonly opts: ExecProviderOptions) {
    this.recorder = typeof opts.record === 'string' ? new SessionRecorder(opts.record) : opts.record;
    if (opts.command !== undefined) {
      const argv = typeof opts.command === 'string' ? splitCommandLine(opts.command) : [...opts.command];
      if (argv.length === 0) throw new Error('exec provider: empty command');
      this.template = { argv, output: opts.output ?? 'text', ...(opts.stdin ? { stdin: true } : {}) };
      this.reviewTemplate = this.template;
      this.model = `exec:${path.basename(argv[0] as string)}${opts.model ? `:${opts.model}` : ''}`;
    } else {
      const name = opts.template ?? 'codex';
      const settings = {
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
        ...(opts.keyEnv ? { keyEnv: opts.keyEnv } : {}),
      };
      this.template = builtinTemplate(name, settings);
      this.reviewTemplate = builtinTemplate(name, { ...settings, role: 'reviewer' });
      this.cli = name;
      this.model = `exec:${name}${opts.model ? `:${opts.model}` : ''}`;
    }
  }

  private failEarly(request: SessionRequest, error: string): SessionResult {
    return {
      endReason: 'error',
      finalMessage: '',
      transcript: [
        { type: 'system', content: systemPrompt(request) },
        { type: 'user', content: request.prompt },
        { type: 'note', content: `session ended: error (${error})` },
      ],
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      turns: 0,
      model: this.model,
      error,
    };
  }

  async runSession(request: SessionRequest): Promise<SessionResult> {
    const { cwd } = request;
    const template = request.role === 'reviewer' ? this.reviewTemplate : this.template;
    const promptText = `${systemPrompt(request)}\n\n---\n\n${request.prompt}\n`;
    const promptFile = path.join(cwd, PROMPT_FILE);
    await mkdir(path.dirname(promptFile), { recursive: true });
    await excludeScratch(cwd, [PROMPT_FILE, ...(template.lastMessageFile ? [template.lastMessageFile] : [])]);
    await writeFile(promptFile, promptText);
    const lastFile = template.lastMessageFile ? path.join(cwd, template.lastMessageFile) : undefined;
    // Emptied, not removed: the jail makes this one file writable, so it must exist.
    if (lastFile) await writeFile(lastFile, '');
    const argv = fillPlaceholders(template.argv, {
      prompt_file: promptFile,
      prompt: promptText,
      cwd,
      model: this.opts.model ?? '',
      max_turns: String(request.budget.maxTurns),
    });
    // Linux caps one argv string at 128 KiB (MAX_ARG_STRLEN).
    const tooLong = argv.find((a) => Buffer.byteLength(a) > 120 * 1024);
    if (tooLong !== undefined) {
      return this.failEarly(
        request,
        `the prompt is too long to pass as a command-line argument (${Buffer.byteLength(tooLong)} bytes); use {prompt_file} or stdin in the command`,
      );
    }
    const transcript: TranscriptEntry[] = [
      { type: 'system', content: systemPrompt(request) },
      { type: 'user', content: request.prompt },
      {
        type: 'note',
        content: `exec: ${argv.map((a) => (a === promptText ? '{prompt}' : a)).join(' ')} (tools are the CLI's own; the build reads the repo diff)`,
      },
    ];
    const timeoutMs = Math.min(this.opts.timeoutMs ?? request.budget.maxWallMs, request.budget.maxWallMs);
    const stallMs = this.opts.stallMs ?? DEFAULT_STALL_MS;
    const sandbox = execJail(argv, cwd, {
      ...(this.opts.command === undefined ? { template: this.opts.template ?? 'codex' } : {}),
      ...(this.opts.isolation ? { mode: this.opts.isolation } : {}),
      role: request.role,
    });
    // Inside the jail a missing program is bwrap's exit 1; say what it is.
    if (sandbox.jail && !sandbox.program)
      return this.failEarly(request, `could not start ${argv[0]}: not found on PATH`);
    if (!sandbox.jail)
      transcript.push({
        type: 'note',
        content: `exec: running unjailed${sandbox.degraded ? ` (${sandbox.degraded})` : ''}`,
      });
    const r = await runProcess({
      // inside the jail PATH is the jail's: start the program by the path found outside
      argv: sandbox.jail && sandbox.program ? [sandbox.program, ...withoutInnerSandbox(argv).slice(1)] : argv,
      cwd,
      // configuration the CLI reads (its server, its config home) passes; secrets only when allowed
      env: { ...template.envDefaults, ...agentConfigEnv(process.env), ...sandbox.env, ...template.env },
      envAllow: this.opts.envAllow ?? [],
      ...(sandbox.jail ? { jail: sandbox.jail } : {}),
      timeoutMs,
      maxOutputBytes: this.opts.maxOutputBytes ?? 256 * 1024,
      maxStdoutBytes: 1024 * 1024,
      killGraceMs: 2000,
      idleTimeoutMs: stallMs,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(template.stdin ? { input: promptText } : {}),
    });
    transcript.push({
      type: 'note',
      content: `exec output (stdout+stderr${r.truncated ? ', truncated' : ''}):\n${r.output}`,
    });

    const outcome = parseOutput(template.output, r.stdout);
    const fromFile = lastFile ? await readFile(lastFile, 'utf8').catch(() => undefined) : undefined;
    const fallback = lastLines(r.stdout.trim() ? r.stdout : r.output, this.opts.finalLines ?? 20);
    const final = fromFile?.trim() || outcome?.final || (outcome ? '' : fallback);
    const usage: Usage = outcome?.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    if (usage.costUsd === 0 && (usage.inputTokens || usage.outputTokens)) {
      usage.costUsd = costOf(
        lookupPrice(this.opts.model ?? '', this.opts.prices),
        usage.inputTokens,
        usage.outputTokens,
      );
    }
    if (outcome?.usage) transcript.push({ type: 'usage', model: this.model, ...usage });
    transcript.push({ type: 'assistant', content: final });

    const result = (endReason: EndReason, extra: Partial<SessionResult> = {}): SessionResult => {
      if (extra.error) transcript.push({ type: 'note', content: `session ended: ${endReason} (${extra.error})` });
      if (this.recorder && (template.output === 'codex-jsonl' || template.output === 'claude-json')) {
        this.recorder.startSession(request.role, request.task, this.model);
        const turns = template.output === 'codex-jsonl' ? codexTurns(r.stdout, cwd) : claudeTurns(r.stdout, cwd);
        for (const turn of turns) this.recorder.turn(turn);
        if (endReason !== 'final-message') this.recorder.error(extra.error ?? endReason);
      }
      return {
        endReason,
        finalMessage: final,
        transcript,
        usage,
        turns: outcome?.turns ?? 1,
        model: this.model,
        ...extra,
      };
    };
    const failed = (error: string): SessionResult => {
      // The CLI's own words first (e.g. "Missing environment variable", "401 Unauthorized").
      const words = [outcome?.error, lastLines(r.output, 5)].filter(Boolean).join(' | ');
      const kind = usage.outputTokens === 0 ? classifySetupFailure(words) : undefined;
      const detail = `${error}${outcome?.error ? `: ${outcome.error}` : ''}`;
      if (!kind) return result('error', { error: detail });
      // Claude Code reads ANTHROPIC_BASE_URL itself: name it as the server the CLI used.
      const baseURL = this.opts.baseURL ?? (this.cli === 'claude' ? process.env.ANTHROPIC_BASE_URL : undefined);
      const setup = {
        provider: this.cli ?? this.model,
        ...(baseURL ? { baseURL } : {}),
        ...(this.opts.model ? { model: this.opts.model } : {}),
      };
      return result('error', {
        error: detail,
        setupError: setupMessage(setup, `${kind}: ${outcome?.error ?? lastLines(r.output, 3)}`),
      });
    };
    if (r.spawnError)
      return result('error', {
        error: `could not start ${argv[0]}: ${r.spawnError}`,
        setupError: `could not start ${argv[0]}: ${r.spawnError}`,
      });
    if (r.timedOut) return result('max-wall', { error: `timed out after ${timeoutMs} ms` });
    if (r.stalled)
      return result('stalled', { error: `${argv[0]} printed nothing for ${stallMs} ms (stalled); killed` });
    if (r.aborted) return result('error', { error: 'aborted' });
    if (outcome?.endReason) return result(outcome.endReason, { error: `${argv[0]} stopped: ${outcome.endReason}` });
    if (r.exitCode !== 0) return failed(`${argv[0]} exited with ${r.exitCode ?? r.signal}`);
    if (outcome?.error && !final) return failed(`${argv[0]} failed`);
    if (request.responseSchema) {
      const candidates = [final, fromFile ?? '', r.stdout];
      for (const c of candidates) {
        const check = checkStructured(c, request.responseSchema);
        if (check.ok) return { ...result('final-message'), finalMessage: check.json, structured: check.value };
      }
      const check = checkStructured(final, request.responseSchema);
      return result('error', {
        error: `output did not match schema "${request.responseSchema.name}": ${check.ok ? '' : check.errors}`,
      });
    }
    return result('final-message');
  }
}

function parseOutput(kind: ExecTemplate['output'], stdout: string): ExecOutcome | undefined {
  if (kind === 'codex-jsonl') return parseCodexJsonl(stdout);
  if (kind === 'claude-json') return parseClaudeJson(stdout);
  return undefined;
}

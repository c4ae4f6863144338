// Agent configuration: flags (ProviderOptions) > environment > config file > defaults.
// Config files: --config FILE, else ghost.config.json or .ghostrc.json in cwd, else
// $XDG_CONFIG_HOME/ghost/config.json (~/.config/ghost/config.json). Format: docs/agents.md.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../util/errors.js';
import type { ExecTemplateName } from './exec-templates.js';
import type { ExecProviderOptions } from './exec.js';
import type { PriceTable } from './pricing.js';
import { compileSchema } from './structured.js';
import type { Budget } from './types.js';

export type ProviderName = 'openai' | 'exec' | 'scripted';

/** The exec provider options a config file may set (one definition: ExecProviderOptions). */
export type ExecConfig = Pick<
  ExecProviderOptions,
  'template' | 'command' | 'output' | 'stdin' | 'model' | 'timeoutMs' | 'stallMs' | 'envAllow'
>;

/** The config file's shape (all optional). */
export interface AgentConfigFile {
  provider?: ProviderName | ExecTemplateName;
  model?: string;
  baseURL?: string;
  /** Env var holding the API key; default OPENAI_API_KEY (e.g. OPENROUTER_API_KEY). */
  apiKeyEnv?: string;
  maxRetries?: number;
  timeoutMs?: number;
  /** The openai provider's stall limit (exec CLIs: `exec.stallMs`). */
  stallMs?: number;
  maxCompletionTokens?: number;
  temperature?: number;
  prices?: PriceTable;
  exec?: ExecConfig;
  budget?: Partial<Budget>;
  session?: string;
  record?: string;
}

/** What the CLI passes (flags); wins over env and file. */
export interface ProviderOptions extends Omit<AgentConfigFile, 'exec'> {
  apiKey?: string;
  /** Exec: a command line with placeholders (implies provider exec). */
  command?: string | string[];
  execTemplate?: ExecTemplateName;
  envAllow?: string[];
  /** Explicit config file. */
  configFile?: string;
  /** Where to look for ghost.config.json; default process.cwd(). */
  cwd?: string;
  /** Default process.env (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** Default os.homedir(). */
  homeDir?: string;
}

export interface ResolvedAgentConfig {
  provider: ProviderName;
  model: string;
  baseURL?: string;
  apiKey?: string;
  maxRetries: number;
  timeoutMs: number;
  stallMs?: number;
  maxCompletionTokens?: number;
  temperature?: number;
  prices: PriceTable;
  exec: ExecConfig;
  /** Exec with a built-in template: the server the CLI is pointed at, and the key's variable. */
  execServer?: { baseURL?: string; keyEnv: string };
  budget: Budget;
  session?: string;
  record?: string;
  /** The config file used, if any. */
  configFile?: string;
}

export const DEFAULT_BUDGET: Budget = { maxTurns: 60, maxTokens: 2_000_000, maxWallMs: 30 * 60_000 };
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';
/** Sent as the API key to local servers that need none. */
export const DUMMY_API_KEY = 'sk-local-no-key';

const priceSchema = {
  type: 'object',
  properties: { input: { type: 'number' }, output: { type: 'number' } },
  required: ['input', 'output'],
  additionalProperties: false,
};
const configSchema = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    provider: { enum: ['openai', 'exec', 'scripted', 'codex', 'claude'] },
    model: { type: 'string' },
    baseURL: { type: 'string' },
    apiKeyEnv: { type: 'string' },
    maxRetries: { type: 'integer', minimum: 0 },
    timeoutMs: { type: 'integer', minimum: 1 },
    stallMs: { type: 'integer', minimum: 1 },
    maxCompletionTokens: { type: 'integer', minimum: 1 },
    temperature: { type: 'number' },
    prices: { type: 'object', additionalProperties: priceSchema },
    exec: {
      type: 'object',
      properties: {
        template: { enum: ['codex', 'claude'] },
        command: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        output: { enum: ['text', 'claude-json'] },
        stdin: { type: 'boolean' },
        model: { type: 'string' },
        timeoutMs: { type: 'integer', minimum: 1 },
        stallMs: { type: 'integer', minimum: 1 },
        envAllow: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    budget: {
      type: 'object',
      properties: {
        maxTurns: { type: 'integer', minimum: 1 },
        maxTokens: { type: 'integer', minimum: 1 },
        maxWallMs: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    session: { type: 'string' },
    record: { type: 'string' },
  },
  additionalProperties: false,
};

export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv, home: string): string | undefined {
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const candidates = [
    path.join(cwd, 'ghost.config.json'),
    path.join(cwd, '.ghostrc.json'),
    path.join(xdg, 'ghost', 'config.json'),
  ];
  return candidates.find((p) => existsSync(p));
}

export function readConfigFile(file: string): AgentConfigFile {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const validate = compileSchema(configSchema);
  if (!validate(v)) {
    const why = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''}`,
    );
    throw new UserError(`invalid config ${file}:\n  ${why.join('\n  ')}`);
  }
  return v as AgentConfigFile;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function resolveAgentConfig(opts: ProviderOptions = {}): ResolvedAgentConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const configFile = opts.configFile ?? findConfigFile(cwd, env, opts.homeDir ?? os.homedir());
  const file: AgentConfigFile = configFile ? readConfigFile(configFile) : {};
  const fileDir = configFile ? path.dirname(configFile) : cwd;
  const rel = (p: string | undefined) => (p === undefined ? undefined : path.resolve(fileDir, p));

  const exec: ExecConfig = { ...file.exec };
  const template =
    opts.execTemplate ?? (opts.provider === 'codex' || opts.provider === 'claude' ? opts.provider : undefined);
  if (template) exec.template = template;
  if (opts.command !== undefined) exec.command = opts.command;
  if (opts.envAllow) exec.envAllow = opts.envAllow;
  const envStallMs = num(env.GHOST_STALL_MS);
  const stallEnv = envStallMs !== undefined && envStallMs > 0 ? envStallMs : undefined;
  if (stallEnv !== undefined) exec.stallMs = stallEnv;
  if (file.provider === 'codex' || file.provider === 'claude') exec.template ??= file.provider;

  const session = opts.session ?? env.GHOST_SESSION ?? rel(file.session);
  const rawProvider = opts.provider ?? (env.GHOST_PROVIDER as ProviderOptions['provider'] | undefined);
  let provider: ProviderName;
  if (rawProvider === 'codex' || rawProvider === 'claude') provider = 'exec';
  else if (rawProvider) provider = rawProvider;
  else if (opts.session || opts.command || opts.execTemplate) provider = opts.session ? 'scripted' : 'exec';
  else if (file.provider === 'codex' || file.provider === 'claude') provider = 'exec';
  else provider = file.provider ?? (session ? 'scripted' : 'openai');
  if (!['openai', 'exec', 'scripted'].includes(provider))
    throw new UserError(`unknown provider "${provider}" (openai, exec, scripted, codex, claude)`);

  const baseURL = opts.baseURL ?? env.OPENAI_BASE_URL ?? file.baseURL;
  const keyEnv = opts.apiKeyEnv ?? file.apiKeyEnv ?? 'OPENAI_API_KEY';
  let apiKey = opts.apiKey ?? env[keyEnv];
  let model = opts.model ?? env.GHOST_MODEL ?? file.model;
  if (provider === 'openai') {
    if (!model) {
      if (baseURL)
        throw new UserError(
          'no model set for the OpenAI-compatible server: pass --model, set GHOST_MODEL, or "model" in the config',
        );
      model = DEFAULT_OPENAI_MODEL;
    }
    if (!apiKey) {
      if (!baseURL)
        throw new UserError(
          `${keyEnv} is not set: export it, or point at a local OpenAI-compatible server with --base-url URL (OPENAI_BASE_URL, "baseURL" in ghost.config.json), or replay a session with --provider scripted --session FILE; see docs/agents.md`,
        );
      apiKey = DUMMY_API_KEY;
    }
  }
  let execServer: ResolvedAgentConfig['execServer'];
  if (provider === 'exec') {
    // One precedence everywhere: flags > environment > config file > defaults.
    const m = opts.model ?? env.GHOST_MODEL ?? exec.model ?? file.model;
    if (m) exec.model = m;
    // Claude Code reads ANTHROPIC_BASE_URL itself (it passes as configuration); OPENAI_BASE_URL is Codex's.
    const url = opts.baseURL ?? (exec.template === 'claude' ? undefined : env.OPENAI_BASE_URL) ?? file.baseURL;
    if (exec.template) execServer = { keyEnv, ...(url ? { baseURL: url } : {}) };
  }
  const budget: Budget = { ...DEFAULT_BUDGET, ...file.budget, ...opts.budget };
  const maxRetries = opts.maxRetries ?? num(env.GHOST_MAX_RETRIES) ?? file.maxRetries ?? 4;
  const timeoutMs = opts.timeoutMs ?? num(env.GHOST_TIMEOUT_MS) ?? file.timeoutMs ?? 120_000;
  const stallMs = opts.stallMs ?? stallEnv ?? file.stallMs;
  const record = opts.record ?? rel(file.record);
  const out: ResolvedAgentConfig = {
    provider,
    model: model ?? exec.model ?? '',
    maxRetries,
    timeoutMs,
    prices: { ...file.prices, ...opts.prices },
    exec,
    budget,
  };
  if (baseURL) out.baseURL = baseURL;
  if (apiKey) out.apiKey = apiKey;
  if (execServer) out.execServer = execServer;
  if (stallMs !== undefined) out.stallMs = stallMs;
  const mct = opts.maxCompletionTokens ?? file.maxCompletionTokens;
  if (mct !== undefined) out.maxCompletionTokens = mct;
  const temp = opts.temperature ?? file.temperature;
  if (temp !== undefined) out.temperature = temp;
  if (session) out.session = session;
  if (record) out.record = record;
  if (configFile) out.configFile = configFile;
  return out;
}

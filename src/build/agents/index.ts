// The agent layer's entry: providers, the shared loop, session files, config, and
// createProvider(options) that turns flags/env/config into a Provider.
import { UserError } from '../../util/errors.js';
import { resolveAgentConfig, type ProviderOptions, type ResolvedAgentConfig } from './config.js';
import { ExecProvider } from './exec.js';
import { OpenAIProvider } from './openai.js';
import { ScriptedProvider } from './scripted.js';
import type { Provider } from './types.js';

export type * from './types.js';
export {
  DEFAULT_BUDGET,
  DEFAULT_OPENAI_MODEL,
  findConfigFile,
  readConfigFile,
  resolveAgentConfig,
  type AgentConfigFile,
  type ExecConfig,
  type ProviderName,
  type ProviderOptions,
  type ResolvedAgentConfig,
} from './config.js';
export { ExecProvider, PROMPT_FILE, type ExecProviderOptions } from './exec.js';
export {
  builtinTemplate,
  LAST_MESSAGE_FILE,
  splitCommandLine,
  type ExecTemplate,
  type ExecTemplateName,
} from './exec-templates.js';
export { NUDGE_MESSAGE, runLoop, systemPrompt, type LoopOptions, type TurnContext, type TurnSource } from './loop.js';
export { OpenAIProvider, toMessages, toOpenAITools, type OpenAIProviderOptions } from './openai.js';
export { costOf, DEFAULT_PRICES, lookupPrice, type Price, type PriceTable } from './pricing.js';
export { ScriptedProvider, type ScriptedProviderOptions } from './scripted.js';
export {
  parseSessionFile,
  readSessionFile,
  SessionRecorder,
  type ModelTurn,
  type ScriptedSession,
  type ScriptedTurn,
} from './session-file.js';
export { checkStructured, extractJson } from './structured.js';
export {
  classifySetupFailure,
  ProviderSetupError,
  setupMessage,
  stopOnSetupError,
  type SetupContext,
} from './setup-error.js';
export { executeToolCall } from './tool-call.js';

/** Build a provider from an already-resolved config. */
export function providerFromConfig(cfg: ResolvedAgentConfig): Provider {
  switch (cfg.provider) {
    case 'openai':
      return new OpenAIProvider({
        model: cfg.model,
        apiKey: cfg.apiKey ?? '',
        maxRetries: cfg.maxRetries,
        timeoutMs: cfg.timeoutMs,
        ...(cfg.stallMs !== undefined ? { stallMs: cfg.stallMs } : {}),
        prices: cfg.prices,
        ...(cfg.baseURL ? { baseURL: cfg.baseURL } : {}),
        ...(cfg.maxCompletionTokens ? { maxCompletionTokens: cfg.maxCompletionTokens } : {}),
        ...(cfg.temperature !== undefined ? { temperature: cfg.temperature } : {}),
        ...(cfg.record ? { record: cfg.record } : {}),
      });
    case 'exec':
      return new ExecProvider({
        ...cfg.exec,
        ...(cfg.execServer?.baseURL ? { baseURL: cfg.execServer.baseURL } : {}),
        ...(cfg.execServer ? { keyEnv: cfg.execServer.keyEnv } : {}),
        prices: cfg.prices,
        ...(cfg.record ? { record: cfg.record } : {}),
      });
    case 'scripted':
      if (!cfg.session) throw new UserError('the scripted provider needs a session file (--session FILE)');
      return new ScriptedProvider({ file: cfg.session, ...(cfg.record ? { record: cfg.record } : {}) });
  }
}

/** Flags > env (OPENAI_API_KEY, OPENAI_BASE_URL, GHOST_MODEL, GHOST_PROVIDER) > config file > defaults. */
export function createProvider(options: ProviderOptions = {}): Provider {
  return providerFromConfig(resolveAgentConfig(options));
}

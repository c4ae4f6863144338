import { UserError } from '../../util/errors.js';

// Failures no retry or fix round can cure: the server is unreachable, the key is refused, the
// model does not exist. A build that meets one stops at once (exit 2) and says where it
// looked, instead of spending every task and round on the same refusal.

export class ProviderSetupError extends Error {
  override readonly name = 'ProviderSetupError';
}

export interface SetupContext {
  provider: string;
  baseURL?: string;
  model?: string;
}

/** One message naming the provider, base URL, model and the server's own words. */
export function setupMessage(ctx: SetupContext, words: string): string {
  const where = [
    `provider ${ctx.provider}`,
    ctx.baseURL ? `base URL ${ctx.baseURL}` : 'default base URL',
    ctx.model ? `model ${ctx.model}` : undefined,
  ].filter(Boolean);
  return `${where.join(', ')}: ${words.trim()}`;
}

const SETUP_PATTERNS: Array<[RegExp, string]> = [
  [
    /ECONNREFUSED|connection refused|Connection error|error sending request|failed to connect|Unable to connect/i,
    'cannot connect',
  ],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo|dns error|failed to lookup address/i, 'cannot resolve the host'],
  [
    /\b401\b|Unauthorized|invalid[ _-]api[ _-]key|Incorrect API key|authentication_error|Invalid bearer token/i,
    'the key was refused',
  ],
  [/\b403\b|Forbidden|permission_error/i, 'access denied'],
  [/model_not_found|model .{0,40}(not found|does not exist)|\b404\b.{0,80}model|not_found_error/i, 'no such model'],
  [/Missing environment variable|api key (is )?not set|No API key/i, 'no API key'],
];

/**
 * What kind of setup failure an agent CLI's output (or an SDK error) describes, if any.
 * Deliberately narrow: a test failure that prints "404" in a fix round must not stop a build,
 * so callers apply this only to output of a session that failed without doing any work.
 */
export function classifySetupFailure(text: string): string | undefined {
  for (const [re, kind] of SETUP_PATTERNS) if (re.test(text)) return kind;
  return undefined;
}

/**
 * A provider that cannot reach its server, or is refused, fails every session the same way:
 * stop the build (exit 2) at the first, before a checkpoint, so `--resume` redoes that step.
 */
export function stopOnSetupError<T extends { setupError?: string }>(result: T): T {
  if (result.setupError) throw new UserError(`build stopped: the agent could not work: ${result.setupError}`);
  return result;
}

// Which variable names are secrets and which are an agent CLI's configuration. Every process
// ghost starts gets an allow-listed environment (src/process/env.ts), never ghost's own; this
// classification only decides what configuration an agent CLI is handed on top of it
// (agentConfigEnv).

/** Names that hold secrets, whatever their prefix. */
const SECRET_PATTERNS: RegExp[] = [
  /_KEY$/i,
  /_KEYS$/i,
  /^API_?KEY$/i,
  /_TOKEN$/i,
  /^TOKEN$/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /_CREDS(_|$)/i,
  /_DSN$/i,
  /_PEM$/i,
  /DATABASE_URL$/i,
  /WEBHOOK/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^NPM_CONFIG__?AUTH/i,
  /^NODE_AUTH_TOKEN$/i,
  /^SSH_AUTH_SOCK$/i,
  /^GHOST_API_KEY$/i,
];

/**
 * Configuration that agent CLIs read: where the server is, where their config lives. Never a
 * secret by itself, and without it a CLI silently talks to the wrong server (or none).
 */
const CONFIG_PATTERNS: RegExp[] = [/_BASE_URL$/i, /_CONFIG_DIR$/i, /^CODEX_HOME$/i, /^CLAUDE_CODE_/i];

/**
 * The configuration an agent CLI reads from ghost's environment (its server, its config home,
 * its switches): passed even into the jail's allow-listed environment. Never a secret.
 */
export function agentConfigEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || SECRET_PATTERNS.some((re) => re.test(name))) continue;
    if (CONFIG_PATTERNS.some((re) => re.test(name))) out[name] = value;
  }
  return out;
}

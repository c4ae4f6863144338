// Environment scrubbing for everything ghost runs on an agent's behalf (tool commands,
// agent CLIs, conformance drivers): credentials never reach code written by a model.

const DROP_PATTERNS: RegExp[] = [
  /_KEY$/i,
  /_KEYS$/i,
  /^API_?KEY$/i,
  /_TOKEN$/i,
  /^TOKEN$/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /^OPENAI_/i,
  /^ANTHROPIC_/i,
  /^CLAUDE_/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^GH_/i,
  /^GITHUB_/i,
  /^GITLAB_/i,
  /^NPM_CONFIG__?AUTH/i,
  /^NODE_AUTH_TOKEN$/i,
  /^SSH_AUTH_SOCK$/i,
  /^GHOST_API_KEY$/i,
];

/** True when a variable of this name is dropped by `scrubbedEnv`. */
export function isCredentialVar(name: string): boolean {
  return DROP_PATTERNS.some((re) => re.test(name));
}

/**
 * A copy of `base` (default: `process.env`) without credential-looking variables
 * (`*_KEY`, `*_TOKEN`, `*SECRET*`, `*PASSWORD*`, `OPENAI_*`, `ANTHROPIC_*`, `AWS_*`, `GH_*`,
 * `GITHUB_*`, ...). `allow` names variables to keep anyway (e.g. the key an agent CLI needs).
 */
export function scrubbedEnv(base: NodeJS.ProcessEnv = process.env, allow: readonly string[] = []): NodeJS.ProcessEnv {
  const keep = new Set(allow);
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (keep.has(name) || !isCredentialVar(name)) out[name] = value;
  }
  return out;
}

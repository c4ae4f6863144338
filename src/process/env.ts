// The environment of every untrusted process is built from an allow-list, never copied from
// ghost's own: a deny-list of credential patterns always misses one (DATABASE_URL, *_DSN,
// *_PEM, webhook URLs). What passes: the locale and time zone, PATH and HOME (the jail's own
// when jailed), the variables the caller sets explicitly, and the names the user allows.

/** Names always passed through from ghost's environment (besides PATH and HOME). */
const ALWAYS = ['LANG', 'LANGUAGE', 'TZ', 'TERM'];
const ALWAYS_PREFIX = ['LC_'];

export interface EnvSpec {
  /** Set verbatim (after everything else, so they win). */
  set?: Record<string, string | undefined>;
  /** Extra names copied from `base` when present (the user's explicit allowances). */
  allow?: readonly string[];
  /** PATH and HOME for the child; default: `base`'s own (unjailed runs). */
  path?: string;
  home?: string;
}

/** True when `name` passes the allow-list without being named explicitly. */
export function isAlwaysAllowed(name: string): boolean {
  return ALWAYS.includes(name) || ALWAYS_PREFIX.some((p) => name.startsWith(p));
}

/** An allow-listed environment (pure: `base` defaults to ghost's own environment). */
export function allowListedEnv(spec: EnvSpec = {}, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  const allow = new Set(spec.allow ?? []);
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (isAlwaysAllowed(name) || allow.has(name)) out[name] = value;
  }
  const pathValue = spec.path ?? base.PATH;
  if (pathValue !== undefined) out.PATH = pathValue;
  const home = spec.home ?? base.HOME;
  if (home !== undefined) out.HOME = home;
  for (const [name, value] of Object.entries(spec.set ?? {})) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

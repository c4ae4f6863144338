// The one place that runs the npm client. Registry work (pack, publish, fetch) is npm's job;
// ghost only stages files and reads npm's JSON output.
import { execa } from 'execa';
import { UserError } from '../util/errors.js';

export interface NpmOptions {
  cwd?: string;
  /** Registry URL passed as --registry (default: the user's npm config). */
  registry?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `npm ARGS`; a failure becomes a UserError carrying npm's own error lines. */
export async function npm(args: string[], o: NpmOptions = {}): Promise<string> {
  const full = [
    ...args,
    ...(o.registry ? ['--registry', o.registry] : []),
    '--ignore-scripts',
    '--no-fund',
    '--no-audit',
    '--loglevel',
    'warn',
  ];
  const r = await execa('npm', full, {
    cwd: o.cwd,
    env: o.env,
    reject: false,
    stdin: 'ignore',
    ...(o.env ? { extendEnv: false } : {}),
  });
  if (r.failed) {
    // With --json npm puts its error on stdout as {error: {code, summary, detail}}: prefer that.
    const structured = jsonError(String(r.stdout ?? ''));
    const lines = (structured ? structured : String(r.stderr ?? ''))
      .split('\n')
      .filter((l) => /^npm (error|ERR!)/.test(l) || (l.trim() && !/^npm (warn|notice)/.test(l)))
      .map((l) => l.replace(/^npm (error|ERR!) ?/, ''))
      .filter((l) => l.trim() && !/A complete log of this run|^\s*\/.*_logs\//.test(l));
    const detail = lines.slice(0, 12).join('\n  ') || r.shortMessage;
    throw new UserError(
      `npm ${args[0]} failed${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}:\n  ${detail}`,
      1,
    );
  }
  return r.stdout;
}

function jsonError(stdout: string): string | undefined {
  try {
    const e = parseNpmJson<{ error?: { code?: string; summary?: string; detail?: string } }>(stdout).error;
    if (!e?.summary) return undefined;
    return [`${e.code ? `${e.code}: ` : ''}${e.summary}`, ...(e.detail ? [e.detail] : [])].join('\n');
  } catch {
    return undefined;
  }
}

/** npm's --json output sometimes trails a warning; take the JSON document itself. */
export function parseNpmJson<T>(stdout: string): T {
  const start = stdout.search(/^[[{]/m);
  return JSON.parse(start >= 0 ? stdout.slice(start) : stdout) as T;
}

export interface PackJson {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  shasum: string;
  files: Array<{ path: string }>;
}

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
  const full = [...args, ...(o.registry ? ['--registry', o.registry] : []), '--ignore-scripts', '--no-fund', '--no-audit', '--loglevel', 'warn'];
  const r = await execa('npm', full, { cwd: o.cwd, env: o.env, reject: false, stdin: 'ignore', ...(o.env ? { extendEnv: false } : {}) });
  if (r.failed) {
    const lines = `${r.stderr}\n${r.stdout}`
      .split('\n')
      .filter((l) => /^npm (error|ERR!)/.test(l) || (l.trim() && !/^npm (warn|notice)/.test(l)))
      .map((l) => l.replace(/^npm (error|ERR!) ?/, ''))
      .filter((l) => l.trim() && !/A complete log of this run|^\s*\/.*_logs\//.test(l));
    const detail = lines.slice(0, 12).join('\n  ') || r.shortMessage;
    throw new UserError(`npm ${args[0]} failed${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}:\n  ${detail}`, 1);
  }
  return r.stdout;
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

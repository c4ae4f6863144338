// The jail an agent CLI runs in: the same filesystem view as run_command (the build repo with
// .git and .ghost read-only, a private /tmp and HOME; not the spec, the user's project or
// HOME, nor ghost's checkout or state) plus what a CLI needs to work: the network (its model),
// its own installation (read-only), its config home (read-write: sessions, auth) and node.
import { existsSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { which, type IsolationMode, type JailOptions } from '../../process/index.js';
import { agentJail } from '../tools/index.js';
import { LAST_MESSAGE_FILE, type ExecTemplateName } from './exec-templates.js';

/**
 * Config homes per CLI: the variable that points the CLI at one (the user's value wins), and
 * the default under HOME with its companion files.
 */
const CONFIG_HOMES: Record<ExecTemplateName, { variable: string; dir: string; files: string[] }> = {
  codex: { variable: 'CODEX_HOME', dir: '.codex', files: [] },
  claude: { variable: 'CLAUDE_CONFIG_DIR', dir: '.claude', files: ['.claude.json'] },
};

const SYSTEM = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/'];

/**
 * The folder holding a program's installation: for an npm package the whole node_modules it
 * sits in (its dependencies and native binaries are sibling packages: Codex's binary lives in
 * @openai/codex-linux-x64), else the nearest package.json's folder, else its own folder.
 */
function installRoot(file: string): string {
  const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm !== -1) return file.slice(0, nm + '/node_modules'.length);
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return path.dirname(file);
}

export interface ExecJail {
  /** The program, resolved on PATH (undefined: not found). */
  program?: string;
  jail?: JailOptions;
  env: Record<string, string>;
  degraded?: string;
}

/**
 * The jail for `argv` run in the build repo `cwd`: the program's installation and every other
 * absolute file it names (a script) read-only, the template's config home read-write.
 */
export function execJail(
  argv: string[],
  cwd: string,
  o: { template?: ExecTemplateName; mode?: IsolationMode; role?: 'implementer' | 'reviewer' } = {},
): ExecJail {
  const readOnly: string[] = [];
  const program = argv[0] ? which(argv[0], cwd) : undefined;
  if (program && !SYSTEM.some((s) => program.startsWith(s))) readOnly.push(installRoot(program));
  // A script named by absolute path (`node /opt/agent/cli.mjs`): that file only, not its folder.
  for (const a of argv.slice(1)) {
    if (path.isAbsolute(a) && !a.startsWith(path.resolve(cwd)) && existsSync(a) && statSync(a).isFile())
      readOnly.push(realpathSync(a));
  }
  const writable: string[] = [];
  const env: Record<string, string> = {};
  const home = o.template ? CONFIG_HOMES[o.template] : undefined;
  if (home) {
    const dir = process.env[home.variable]
      ? path.resolve(process.env[home.variable] as string)
      : path.join(os.homedir(), home.dir);
    for (const p of [dir, ...home.files.map((f) => path.join(os.homedir(), f))]) if (existsSync(p)) writable.push(p);
    env[home.variable] = dir;
  }
  // The CLI's last-message file sits under .ghost (read-only in the jail): that one file is writable.
  const last = path.join(cwd, LAST_MESSAGE_FILE);
  if (existsSync(last)) writable.push(last);
  const { jail, degraded } = agentJail(cwd, {
    language: 'javascript',
    network: true,
    readOnly,
    writable,
    repoReadOnly: o.role === 'reviewer',
    ...(o.mode ? { mode: o.mode } : {}),
  });
  return {
    ...(program ? { program } : {}),
    ...(jail ? { jail } : {}),
    env: jail ? env : {},
    ...(degraded ? { degraded } : {}),
  };
}

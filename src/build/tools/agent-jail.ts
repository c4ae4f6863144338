// The filesystem an agent's processes see (run_command, and agent CLIs): the build repo
// read-write except `.git` and `.ghost` (ghost's history and bookkeeping: read-only), the
// language runtime, a private /tmp and HOME, no network unless asked. The spec with its hidden
// cases, the user's project and HOME, ghost's checkout and ghost's own build state (next to
// the repo) are simply not there, and the PID namespace hides ghost's /proc/<pid>/environ.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isolationFor, type IsolationMode, type JailOptions } from '../../process/index.js';

/** Repo folders an agent's processes may read but not write. */
export const READ_ONLY_IN_JAIL = ['.git', '.ghost'];

export interface AgentJail {
  /** Undefined: bubblewrap is unavailable (or mode `none`); the process runs unjailed. */
  jail?: JailOptions;
  /** Why there is no jail, when `auto` fell back. */
  degraded?: string;
}

export function agentJail(
  root: string,
  o: {
    language?: string;
    network?: boolean;
    mode?: IsolationMode;
    readOnly?: string[];
    writable?: string[];
    repoReadOnly?: boolean;
  } = {},
): AgentJail {
  const choice = isolationFor(o.mode ?? 'auto');
  if (choice.isolation === 'none') return choice.degraded ? { degraded: choice.degraded } : {};
  const repo = realpathSync(root);
  const readOnly = READ_ONLY_IN_JAIL.map((d) => path.join(repo, d)).filter((p) => existsSync(p));
  return {
    jail: {
      runtimes: o.language ? [o.language] : [],
      // a reviewer reads the repo and writes nothing of it
      writable: [...(o.repoReadOnly ? [] : [repo]), ...(o.writable ?? [])],
      readOnly: [...(o.repoReadOnly ? [repo] : []), ...readOnly, ...(o.readOnly ?? [])],
      network: o.network ?? false,
    },
  };
}

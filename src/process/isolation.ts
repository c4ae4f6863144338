// Which isolation a run gets. `auto` (the default everywhere) jails when bubblewrap works and
// otherwise runs unjailed, saying why; `bubblewrap` insists; `none` is an explicit opt-out.
import { probeJail, type Isolation } from './jail.js';

export type IsolationMode = 'auto' | 'bubblewrap' | 'none';

export interface IsolationChoice {
  isolation: Isolation;
  /** Set when `auto` had to fall back to none: why the jail is unavailable. */
  degraded?: string;
}

/** Throws (a plain Error with the reason) when `bubblewrap` is required and unavailable. */
export function isolationFor(mode: IsolationMode = 'auto'): IsolationChoice {
  if (mode === 'none') return { isolation: 'none' };
  const probe = probeJail();
  if (probe.ok) return { isolation: 'bubblewrap' };
  if (mode === 'bubblewrap') throw new JailUnavailableError(probe.reason);
  return { isolation: 'none', degraded: probe.reason };
}

export class JailUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`bubblewrap is unavailable: ${reason}`);
    this.name = 'JailUnavailableError';
  }
}

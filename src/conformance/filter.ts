// Case selection: by function, id pattern (substring or /regex/flags), requirement, exact ids,
// hidden-ness.
import type { Case } from '../spec/types.js';
import type { CaseFilter } from './types.js';
import { UserError } from '../util/errors.js';

export function idMatcher(pattern: string): (id: string) => boolean {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (m) {
    let re: RegExp;
    try {
      re = new RegExp(m[1]!, m[2]);
    } catch (e) {
      throw new UserError(`invalid --grep pattern ${pattern}: ${(e as Error).message}`);
    }
    return (id) => re.test(id);
  }
  return (id) => id.includes(pattern);
}

export function selectCases(cases: Case[], filter: CaseFilter = {}): Case[] {
  const fns = filter.functions && filter.functions.length > 0 ? new Set(filter.functions) : undefined;
  const ids = filter.ids ? new Set(filter.ids) : undefined;
  const reqs = filter.requirements && filter.requirements.length > 0 ? new Set(filter.requirements) : undefined;
  const match = filter.pattern ? idMatcher(filter.pattern) : undefined;
  const hidden = filter.hidden ?? 'include';
  return cases.filter((c) => {
    if (hidden === 'exclude' && c.hidden) return false;
    if (hidden === 'only' && !c.hidden) return false;
    if (fns && (c.kind !== 'call' || !fns.has(c.fn))) return false;
    if (ids && !ids.has(c.id)) return false;
    if (reqs && !c.requirements.some((r) => reqs.has(r))) return false;
    if (match && !match(c.id)) return false;
    return true;
  });
}

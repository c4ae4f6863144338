// Case selection: by function, id pattern (substring or /regex/flags), requirement, exact ids,
// hidden-ness.
import type { Case } from '../spec/types.js';
import type { CaseFilter, Shard } from './types.js';
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
  const selected = cases.filter((c) => {
    if (hidden === 'exclude' && c.hidden) return false;
    if (hidden === 'only' && !c.hidden) return false;
    if (fns && (c.kind !== 'call' || !fns.has(c.fn))) return false;
    if (ids && !ids.has(c.id)) return false;
    if (reqs && !c.requirements.some((r) => reqs.has(r))) return false;
    if (match && !match(c.id)) return false;
    return true;
  });
  return filter.shard ? shardOf(selected, filter.shard) : selected;
}

/**
 * Round robin over the selection (spec order): position p goes to shard (p mod count) + 1, so
 * every case is in exactly one shard, shards differ in size by at most one and each gets a mix
 * of functions (slow ones are spread). Deterministic: the same spec and filters, the same slice.
 */
export function shardOf<T>(items: T[], shard: Shard): T[] {
  return items.filter((_c, p) => p % shard.count === shard.index - 1);
}

/** `i/n` (1 ≤ i ≤ n) → Shard; UserError otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UserError(`--shard must be INDEX/COUNT with 1 <= INDEX <= COUNT (e.g. 2/4), got "${text}"`);
  return { index, count };
}

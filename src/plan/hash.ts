// Hashing helpers. Task hashes let a rebuild tell which tasks changed; parts are
// length-prefixed so that ("ab","c") and ("a","bc") do not collide.
import { createHash } from 'node:crypto';

/** sha256 of the parts, hex, first 16 chars. */
export function sha16(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(String(Buffer.byteLength(p)));
    h.update(':');
    h.update(p);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * JSON with object keys sorted at every level; bigint becomes the spec's tagged form.
 * Not used for task hashes (their text renders cases); src/registry/diff.ts compares with it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'bigint') return { $ghost: 'bigint', value: value.toString() };
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Plain JSON for display (spec key order kept), tolerant of bigint. */
export function displayJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'bigint' ? { $ghost: 'bigint', value: v.toString() } : v,
    ) ?? 'null'
  );
}

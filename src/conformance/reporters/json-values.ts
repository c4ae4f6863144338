// JSON rendering shared by reporters: values JSON cannot carry become `$ghost` tags, and
// object keys are sorted so diffs show content, not key order.
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return { $ghost: 'bigint', value: value.toString() };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $ghost: 'nan' };
    if (value === Number.POSITIVE_INFINITY) return { $ghost: 'inf' };
    if (value === Number.NEGATIVE_INFINITY) return { $ghost: '-inf' };
    return value;
  }
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a `__proto__` key stays a key
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJsonSafe(v)]),
    );
  }
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return value;
}

/** Pretty-printed, key-sorted JSON for diffs. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(sortKeys(toJsonSafe(value)), null, 2) ?? 'null';
}

export function oneLineJson(value: unknown): string {
  return JSON.stringify(toJsonSafe(value)) ?? 'null';
}

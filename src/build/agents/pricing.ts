// Cost accounting: USD per million tokens. The table is a convenience snapshot of list
// prices; override or extend it with `prices` in the config file. Unknown model → cost 0
// (with a note in the transcript), never a guess.

export interface Price {
  /** USD per 1M input (prompt) tokens. */
  input: number;
  /** USD per 1M output (completion) tokens. */
  output: number;
}

export type PriceTable = Record<string, Price>;

export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
};

/**
 * The price for `model`: exact match first, then the longest table key that prefixes the
 * model name (`gpt-4o-2024-08-06` → `gpt-4o`, `gpt-4o-mini-…` → `gpt-4o-mini`). Overrides win.
 */
export function lookupPrice(model: string, overrides: PriceTable = {}): Price | undefined {
  const table: PriceTable = { ...DEFAULT_PRICES, ...overrides };
  const exact = table[model];
  if (exact) return exact;
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  if (table[bare]) return table[bare];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if ((bare.startsWith(`${key}-`) || model.startsWith(`${key}-`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? table[best] : undefined;
}

export function costOf(price: Price | undefined, inputTokens: number, outputTokens: number): number {
  if (!price) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

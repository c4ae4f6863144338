// Flags implementations that embed the suite's expected outputs literally. A correct
// implementation computes its answers; one that contains many of them verbatim is very
// likely a lookup table shaped like the tests (the classic way to "pass" a visible suite).
import { readFile } from 'node:fs/promises';
import type { Case } from '../spec/types.js';

export interface HardcodingFinding {
  /** Distinctive expected outputs found verbatim in the sources. */
  matched: number;
  /** Distinctive expected outputs considered. */
  considered: number;
  examples: Array<{ file: string; literal: string }>;
  suspicious: boolean;
}

/** Short or common values ("", 0, true, "a") prove nothing; only distinctive ones count. */
function distinctiveLiterals(cases: Case[]): string[] {
  const out = new Set<string>();
  for (const c of cases) {
    const value =
      c.kind === 'call' ? (c.expect.kind === 'value' ? c.expect.value : undefined) : c.expect.stdout?.trim();
    if (typeof value === 'string' && value.length >= 6 && /[A-Za-z]/.test(value)) out.add(value);
    else if (typeof value === 'number' && Math.abs(value) >= 10_000) out.add(String(value));
    else if (value !== null && typeof value === 'object') {
      const json = JSON.stringify(value);
      if (json.length >= 12) out.add(json);
    }
  }
  return [...out];
}

export async function detectHardcoding(
  files: Array<{ path: string; absolute: string }>,
  cases: Case[],
  threshold = { minMatches: 5, ratio: 0.3 },
): Promise<HardcodingFinding> {
  const literals = distinctiveLiterals(cases);
  const sources = await Promise.all(
    files.map(async (f) => ({ path: f.path, text: await readFile(f.absolute, 'utf8').catch(() => '') })),
  );
  const examples: HardcodingFinding['examples'] = [];
  let matched = 0;
  for (const literal of literals) {
    // Source code quotes strings with escapes; check the JSON-escaped form as well.
    const forms = [literal, JSON.stringify(literal).slice(1, -1)];
    const hit = sources.find((s) => forms.some((f) => s.text.includes(f)));
    if (hit) {
      matched += 1;
      if (examples.length < 5) examples.push({ file: hit.path, literal: literal.slice(0, 80) });
    }
  }
  const suspicious = matched >= threshold.minMatches && matched >= literals.length * threshold.ratio;
  return { matched, considered: literals.length, examples, suspicious };
}

export function describeHardcoding(f: HardcodingFinding): string {
  return (
    `${f.matched} of ${f.considered} distinctive expected outputs appear verbatim in the source, e.g. ` +
    f.examples.map((e) => `${JSON.stringify(e.literal)} in ${e.file}`).join('; ') +
    '. Check whether results are computed or looked up.'
  );
}

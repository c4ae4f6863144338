// Flags implementations that embed the suite's answers: a case's input and its expected
// output written side by side on one source line (`"1994": "MCMXCIV"`). Real code computes
// outputs from inputs; a table pairing them is a lookup shaped like the tests, the classic
// way to "pass" a visible suite. Co-location is the signal, so short values stay usable.
import { readFile } from 'node:fs/promises';
import type { Case } from '../spec/types.js';

export interface HardcodingFinding {
  /** Cases whose input and expected output share a source line. */
  matched: number;
  /** Cases with a recognisable input/output pair. */
  considered: number;
  examples: Array<{ file: string; literal: string }>;
  suspicious: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a value can appear in source: strings quoted (raw or JSON-escaped), numbers as tokens. */
function literalPattern(value: unknown, minStringLength: number): RegExp | undefined {
  if (typeof value === 'string') {
    if (value.length < minStringLength) return undefined;
    const forms = [...new Set([value, JSON.stringify(value).slice(1, -1)])].map(escapeRe).join('|');
    return new RegExp(`["'\`](?:${forms})["'\`]`);
  }
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) >= 10) {
    return new RegExp(`(?<![\\w.])${escapeRe(String(value))}(?![\\w.])`);
  }
  return undefined;
}

interface Pair {
  id: string;
  input: RegExp;
  output: RegExp;
  label: string;
}

function pairs(cases: Case[]): Pair[] {
  const out: Pair[] = [];
  for (const c of cases) {
    if (c.kind !== 'call' || c.expect.kind !== 'value') continue;
    // The first argument that can be recognised in source stands for the input.
    const arg = c.args.find((a) => typeof a === 'string' || typeof a === 'number');
    const input =
      typeof arg === 'number' && Number.isFinite(arg)
        ? new RegExp(`(?<![\\w.])${escapeRe(String(arg))}(?![\\w.])`)
        : literalPattern(arg, 1);
    const output = literalPattern(c.expect.value, 2);
    if (input && output)
      out.push({ id: c.id, input, output, label: `${JSON.stringify(arg)} → ${JSON.stringify(c.expect.value)}` });
  }
  return out;
}

export async function detectHardcoding(
  files: Array<{ path: string; absolute: string }>,
  cases: Case[],
  threshold = { minMatches: 5, ratio: 0.2 },
): Promise<HardcodingFinding> {
  const candidates = pairs(cases);
  const sources = await Promise.all(
    files.map(async (f) => ({ path: f.path, lines: (await readFile(f.absolute, 'utf8').catch(() => '')).split('\n') })),
  );
  const examples: HardcodingFinding['examples'] = [];
  let matched = 0;
  for (const p of candidates) {
    const hit = sources.find((s) => s.lines.some((l) => l.length < 100_000 && p.output.test(l) && p.input.test(l)));
    if (!hit) continue;
    matched += 1;
    if (examples.length < 5) examples.push({ file: hit.path, literal: p.label.slice(0, 80) });
  }
  const suspicious = matched >= threshold.minMatches && matched >= candidates.length * threshold.ratio;
  return { matched, considered: candidates.length, examples, suspicious };
}

export function describeHardcoding(f: HardcodingFinding): string {
  return (
    `${f.matched} of ${f.considered} cases have their input and expected output side by side in the source, e.g. ` +
    f.examples.map((e) => `${e.literal} in ${e.file}`).join('; ') +
    '. Check whether results are computed or looked up.'
  );
}

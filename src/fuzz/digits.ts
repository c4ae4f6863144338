// ASCII arithmetic on the digit runs inside strings (the AFL "arith" stage, on text): most
// rules about numbers written in text live at their edges — the next value, a digit more
// (`9` → `10`, where text order and numeric order part), zero, leading zeros — and at
// rounding boundaries of decimals (`.5`, `.025`, `.005`, just under: `.0249`).

/** Fractions that sit on (or just off) a rounding boundary once multiplied by a unit. */
export const BOUNDARY_FRACTIONS = ['5', '05', '005', '025', '0249', '075', '125', '375', '9999'];

/** Variants of one digit run: n±1, 0, ×10+1, a digit more or less, leading zero, decimals with boundary fractions. */
export function digitRunVariants(run: string): string[] {
  const n = Number(run);
  const out = new Set<string>([
    String(n + 1),
    String(Math.max(0, n - 1)),
    '0',
    String(n * 10 + 1),
    `${run}0`,
    `0${run}`,
    '9',
    '10',
    '11',
    '99',
    '100',
    ...(run.length > 1 ? [run.slice(1)] : []),
    ...BOUNDARY_FRACTIONS.slice(0, 5).map((f) => `${n}.${f}`),
  ]);
  out.delete(run);
  return [...out];
}

/**
 * Two values for the same digit run in two related strings whose text order and numeric
 * order disagree (`2` vs `11`), or which differ by one across a digit-count boundary.
 */
export const BOUNDARY_PAIRS: Array<[string, string]> = [
  ['2', '11'],
  ['11', '2'],
  ['9', '10'],
  ['10', '9'],
  ['99', '100'],
  ['1', '10'],
  ['0', '00'],
];

/** Positions of the digit runs in `text` (start, end). */
export function digitRuns(text: string): Array<[number, number]> {
  return [...text.matchAll(/\d+/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** `text` with its `k`-th digit run replaced. */
export function replaceRun(text: string, k: number, by: string): string {
  const runs = digitRuns(text);
  const r = runs[k];
  return r ? text.slice(0, r[0]) + by + text.slice(r[1]) : text;
}

/** The non-alphanumeric prefixes the prose's literals start with (`>=`, `^`, `~`, `-`), as often as the prose writes them. */
export function prefixMarks(literals: string[]): string[] {
  const marks = literals
    .map((l) => /^[^\p{L}\p{N}\s()[\]{}]{1,3}(?=[\p{L}\p{N}])/u.exec(l)?.[0])
    .filter((m) => m !== undefined);
  return marks;
}

/** The separators written between the alphanumeric parts of the prose's literals (` || `, `, `, ` - `). */
export function innerSeparators(literals: string[]): string[] {
  const seps = literals.flatMap((l) =>
    [...l.matchAll(/(?<=[\p{L}\p{N}])(\s*[^\p{L}\p{N}\s]{1,3}\s+|\s+)(?=[^\s])/gu)].map((m) => m[1]!),
  );
  return [...new Set(seps)];
}

/**
 * `text` with its first k digit runs set to 0, for each k short of all: `1.2.3` → `0.2.3`,
 * `0.0.3`. Formats of several numeric components often treat leading zero components apart.
 */
export function leadingZeroed(text: string): string[] {
  const runs = digitRuns(text);
  const out: string[] = [];
  let t = text;
  for (let k = 0; k < runs.length - 1; k++) {
    t = replaceRun(t, k, '0');
    if (t !== text) out.push(t);
  }
  return [...new Set(out)];
}

/** A number written in text (`30`, `0.25`), as withDecimal counts and rewrites them. */
const NUMBER_IN_TEXT = /\d+(?:\.\d+)?/g;

/** How many numbers `text` writes (`1h 0.25m`: 2). */
export function numberCount(text: string): number {
  return text.match(NUMBER_IN_TEXT)?.length ?? 0;
}

/** `text` with its `k`-th number (`30`, `0.25`) written as `int.frac` (`1.025`): a decimal on a rounding boundary. */
export function withDecimal(text: string, k: number, int: number, frac: string): string {
  let i = -1;
  return text.replace(NUMBER_IN_TEXT, (m) => (++i === k ? `${int}.${frac}` : m));
}

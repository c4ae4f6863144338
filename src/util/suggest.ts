// "Did you mean …?" for every name a user can mistype: flags' values (functions, languages),
// keys (front matter, ghost.json), requirement ids. One rule everywhere: the closest candidate
// by edit distance, if it is close enough to be a typo rather than a different name.

/** Edit distance (a swap of neighbours counts as one edit), case-insensitive; `_` and `-` count as one character. */
export function editDistance(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[y.length]!;
}

const fold = (s: string) => s.toLowerCase().replace(/_/g, '-');

/** The candidate `name` most likely meant, or undefined when none is close (≤ a quarter of its length). */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` (or the empty string), for the end of an error message. */
export function didYouMean(
  name: string,
  candidates: Iterable<string>,
  quote: (s: string) => string = (s) => `"${s}"`,
): string {
  const close = suggest(name, candidates);
  return close === undefined ? '' : `; did you mean ${quote(close)}?`;
}

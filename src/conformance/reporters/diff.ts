// A compact line diff (LCS) of two texts: `-` expected, `+` actual, with a little context.
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

const MAX_LINES = 400;

export function lineDiff(expected: string, actual: string): DiffLine[] {
  const a = expected.split('\n').slice(0, MAX_LINES);
  const b = actual.split('\n').slice(0, MAX_LINES);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  while (i < n) out.push({ op: '-', text: a[i++]! });
  while (j < m) out.push({ op: '+', text: b[j++]! });
  return out;
}

/** Keeps `context` unchanged lines around changes; longer unchanged runs become `…`. */
export function compactDiff(lines: DiffLine[], context = 2): Array<DiffLine | 'gap'> {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, idx) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, idx - context); k <= Math.min(lines.length - 1, idx + context); k++) keep[k] = true;
  });
  const out: Array<DiffLine | 'gap'> = [];
  let gap = false;
  lines.forEach((l, idx) => {
    if (keep[idx]) {
      out.push(l);
      gap = false;
    } else if (!gap) {
      out.push('gap');
      gap = true;
    }
  });
  return out;
}

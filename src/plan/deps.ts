// Dependencies between function tasks, from mentions: a task whose own prose mentions
// another task's function depends on it (implement `parse` before `format` that calls it).
import { escapeRe, wordIn } from './groups.js';

/**
 * Whether `text` mentions function `name`. A distinctive name (with `_`, a digit or an inner
 * capital: `parse_range`, `toSlug`) counts anywhere as a whole word; a plain word (`parse`,
 * `format`) only as code — `parse(` or inside backticks — so ordinary prose ("the format
 * of…") is not a dependency.
 */
export function mentions(text: string, name: string): boolean {
  if (!wordIn(name, text)) return false;
  if (/[_0-9]|.[A-Z]/.test(name) || callPattern(name).test(text)) return true;
  // Code spans, paired left to right as Markdown does.
  for (const m of text.matchAll(/`([^`\n]+)`/g)) if (wordIn(name, m[1] ?? '')) return true;
  return false;
}

const callCache = new Map<string, RegExp>();

/** `name(` as a plain call, not a method (`obj.parse(`). Cached: tested once per task pair. */
function callPattern(name: string): RegExp {
  let re = callCache.get(name);
  if (!re) callCache.set(name, (re = new RegExp(`(?<![A-Za-z0-9_$.])${escapeRe(name)}\\s*\\(`)));
  return re;
}

/**
 * Edges i → j (i depends on j) given each task's prose and function names, plus `extra`
 * edges found otherwise (cases checking another task's requirement), made acyclic:
 * within a cycle (mutual mentions) only edges to an earlier-declared task are kept, so the
 * first-declared function of a cycle is built first. Returned lists are sorted.
 */
export function dependencies(
  texts: readonly string[],
  names: readonly string[][],
  extra: readonly number[][] = [],
): number[][] {
  const n = texts.length;
  const edges: number[][] = texts.map((text, i) => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (extra[i]?.includes(j) || (names[j] ?? []).some((name) => mentions(text, name))) out.push(j);
    }
    return out;
  });
  const comp = components(edges);
  return edges.map((out, i) => out.filter((j) => comp[i] !== comp[j] || j < i));
}

/** Strongly connected components (Tarjan), as a component number per node. */
function components(edges: readonly number[][]): number[] {
  const n = edges.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  const onStack = new Array<boolean>(n).fill(false);
  let next = 0;
  let count = 0;
  // Recursive is fine: tasks number in the tens, not thousands.
  const visit = (v: number): void => {
    index[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v] ?? []) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v]!, index[w]!);
      }
    }
    if (low[v] === index[v]) {
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        comp[w] = count;
      } while (w !== v);
      count++;
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) visit(v);
  return comp;
}

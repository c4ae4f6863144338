// YAML with positions. Every YAML text we read (front matter, fenced blocks, case files) is
// parsed here, so a finding can point at the offending line in the *file*, not in the block:
// the block's first content line and its fence indentation are added back.
// Most blocks go through yaml-fast.ts (same values, own positions); the `yaml` library parses
// the rest, and the fast ones again only if a finding needs a position inside a flow list.
import type { Document } from 'yaml';
import type { Diagnostics } from './diagnostics.js';
import { isStackOverflow, MAX_YAML_DEPTH, valueDepth } from './limits.js';
import { LineIndex } from './lines.js';
import type { Location } from './types.js';
import { fastYaml, type FastNode } from './yaml-fast.js';
import { yamlLib } from './yaml-lib.js';

export interface YamlSource {
  file: string;
  text: string;
  /** 1-based file line of the text's first line. */
  line: number;
  /** Columns stripped from each line (indented fences); added back to columns. */
  indent: number;
}

export type YamlPath = ReadonlyArray<string | number>;

export interface ParsedYaml {
  /** The plain JS value; undefined when the text had a syntax error (already reported). */
  value: unknown;
  ok: boolean;
  /** Location of the node at `path` (or the deepest existing ancestor). */
  locate(path?: YamlPath): Location;
}

/**
 * Where flow nesting first passes the limit: a stable place to point at. The parser's own
 * error sits wherever its stack ran out, which moves with the JIT's frame sizes (the same spec
 * gave column 828 or 887 from one run to the next).
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return 0;
}

/** `fast: false` forces the `yaml` library (tests compare both paths). */
export function parseYamlSource(src: YamlSource, diags: Diagnostics, options: { fast?: boolean } = {}): ParsedYaml {
  let lines: LineIndex | undefined;
  const toLocation = (offset: number): Location => {
    const p = (lines ??= new LineIndex(src.text)).point(offset);
    return { file: src.file, start: { line: src.line + p.line - 1, column: p.column + src.indent } };
  };
  // Integers beyond ±(2^53 − 1) would silently lose digits as numbers: when the text has a run
  // of 16+ digits, integers are read exactly and the unsafe ones become the bigint tag.
  const big = /\d{16}/.test(src.text);
  let doc: Document | undefined;
  const full = (): Document =>
    (doc ??= yamlLib().parseDocument(src.text, { prettyErrors: false, uniqueKeys: true, intAsBigInt: big }));
  const failed = (rule: string, message: string, offset = 0): ParsedYaml => {
    diags.error(rule, message, toLocation(offset));
    return { value: undefined, ok: false, locate: () => toLocation(offset) };
  };
  try {
    const fast = big || options.fast === false ? undefined : fastYaml(src.text);
    if (fast) {
      if (valueDepth(fast.value) > MAX_YAML_DEPTH)
        return failed('yaml-limit', `YAML nested too deeply (the limit is ${MAX_YAML_DEPTH} levels)`);
      const locate = (path: YamlPath = []): Location =>
        toLocation(fastOffsetAt(fast.root, path) ?? offsetAt(full(), path));
      return { value: fast.value, ok: true, locate };
    }
    const locate = (path: YamlPath = []): Location => toLocation(offsetAt(full(), path));
    const first = full().errors[0];
    if (first && /call stack/i.test(first.message))
      return failed(
        'yaml-limit',
        `YAML nested too deeply (the limit is ${MAX_YAML_DEPTH} levels)`,
        tooDeepAt(src.text),
      );
    if (first) {
      diags.error('yaml-syntax', `invalid YAML: ${oneLine(first.message)}`, toLocation(first.pos[0]));
      return { value: undefined, ok: false, locate };
    }
    const value: unknown = full().toJS({ maxAliasCount: MAX_ALIASES, ...(big ? { reviver: bigIntTag } : {}) });
    if (valueDepth(value) > MAX_YAML_DEPTH)
      return failed('yaml-limit', `YAML nested too deeply (the limit is ${MAX_YAML_DEPTH} levels)`);
    return { value, ok: true, locate };
  } catch (e) {
    if (isStackOverflow(e))
      return failed('yaml-limit', `YAML nested too deeply (the limit is ${MAX_YAML_DEPTH} levels)`);
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return failed(
        'yaml-limit',
        `YAML aliases expand too far (more than ${MAX_ALIASES} nodes through \`*alias\` references): an alias bomb?`,
      );
    }
    throw e;
  }
}

/** Alias expansion budget for the `yaml` library (its "resource exhaustion" guard). */
const MAX_ALIASES = 1000;

/** offsetAt over a fast tree; undefined when the path enters a flow list (no inner positions). */
function fastOffsetAt(root: FastNode, path: YamlPath): number | undefined {
  let node: FastNode | undefined = root;
  let best = root.start;
  for (const segment of path) {
    if (node.kind === 'flow') return undefined;
    if (node.kind === 'seq' && typeof segment === 'number') node = node.items[segment];
    else if (node.kind === 'map') {
      const pair = node.pairs.find((p) => p.key === segment);
      if (!pair) break;
      node = pair.value;
      best = pair.keyStart;
    } else break;
    if (!node) break;
    best = node.start;
  }
  return best;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function bigIntTag(_key: unknown, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value > SAFE || value < -SAFE ? { $ghost: 'bigint', value: value.toString() } : Number(value);
}

/** Start offset of the node at `path`, falling back to the deepest node that exists. */
function offsetAt(doc: Document, path: YamlPath): number {
  const { isMap, isScalar, isSeq } = yamlLib();
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      node = pair.value ?? pair.key;
      best = rangeStart(pair.key) ?? best;
    } else break;
    const start = rangeStart(node);
    if (start === undefined) break;
    best = start;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function oneLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}

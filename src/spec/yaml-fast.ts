// A fast path for the YAML that specs are made of: block sequences and mappings of simple keys
// whose values are plain scalars, one-line quoted strings, or one-line JSON-like flow lists.
// The `yaml` library is exact but costs ≈ 2 ms per case block in a fresh process (its lexer,
// parser and composer all run cold), which dominated `ghost plan`. Anything outside this
// subset — comments, block scalars, anchors, tags, multi-line or odd scalars, duplicate or
// non-string keys, flow mappings — returns undefined and the caller uses `yaml` itself, so
// results never differ (test/spec/yaml-fast.test.ts compares both on every block we ship).
// Nodes keep start offsets so findings point where `yaml`'s ranges would.

export type FastNode =
  | { kind: 'seq'; start: number; items: FastNode[] }
  | { kind: 'map'; start: number; pairs: Array<{ key: string; keyStart: number; value: FastNode }> }
  | { kind: 'scalar'; start: number }
  /** A flow collection: its insides carry no positions (locate falls back to `yaml`). */
  | { kind: 'flow'; start: number };

export interface FastYaml {
  value: unknown;
  root: FastNode;
}

interface Line {
  indent: number;
  /** Offset of the first non-space character. */
  start: number;
  text: string;
}

class Bail extends Error {}

const KEY = /^([A-Za-z_][\w.-]*): ?(.*)$/;
const NOT_STRING_KEY = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]|^-[0-9.]/;

export function fastYaml(text: string): FastYaml | undefined {
  // Integers past 2^53 are read exactly by the `yaml` path (yaml-source.ts).
  if (/\d{16}/.test(text)) return undefined;
  if (/[\t\r#\\]/.test(text) && /[\t\r#]|\\(?!["\\/bfnrtu])/.test(text)) return undefined;
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const body = raw.trimEnd();
    const indent = body.length - body.trimStart().length;
    if (body.length > 0) lines.push({ indent, start: offset + indent, text: body.slice(indent) });
    offset += raw.length + 1;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const cursor = { i: 0 };
    const node = block(lines, cursor, 0);
    if (cursor.i !== lines.length) return undefined;
    return node;
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}

/** The block node starting at lines[cursor.i], whose lines are indented exactly `indent`. */
function block(lines: Line[], cursor: { i: number }, indent: number): FastYaml {
  const first = lines[cursor.i];
  if (!first || first.indent !== indent) throw new Bail();
  if (first.text === '-' || first.text.startsWith('- ')) return sequence(lines, cursor, indent);
  return mapping(lines, cursor, indent, first.start, first.text);
}

function sequence(lines: Line[], cursor: { i: number }, indent: number): FastYaml {
  const value: unknown[] = [];
  const items: FastNode[] = [];
  const start = lines[cursor.i]!.start;
  for (
    let line = lines[cursor.i];
    line && line.indent === indent && line.text.startsWith('- ');
    line = lines[cursor.i]
  ) {
    const rest = line.text.slice(2);
    const pad = rest.length - rest.trimStart().length;
    const itemStart = line.start + 2 + pad;
    const item = rest.trimStart();
    if (KEY.test(item)) {
      // `- key: value` opens a mapping whose keys sit at the item's column.
      const node = mapping(lines, cursor, indent + 2 + pad, itemStart, item);
      value.push(node.value);
      items.push(node.root);
    } else {
      const node = inline(item, itemStart);
      value.push(node.value);
      items.push(node.root);
      cursor.i++;
    }
  }
  const next = lines[cursor.i];
  if (next && next.indent === indent && next.text === '-') throw new Bail();
  return { value, root: { kind: 'seq', start, items } };
}

/** `firstText`/`firstStart`: the first key's text (it may follow `- ` on a sequence line). */
function mapping(
  lines: Line[],
  cursor: { i: number },
  indent: number,
  firstStart: number,
  firstText: string,
): FastYaml {
  const value: Record<string, unknown> = {};
  const pairs: Array<{ key: string; keyStart: number; value: FastNode }> = [];
  let text = firstText;
  let keyStart = firstStart;
  for (;;) {
    const m = KEY.exec(text);
    if (!m || NOT_STRING_KEY.test(m[1]!) || m[1] === '__proto__' || Object.hasOwn(value, m[1]!)) throw new Bail();
    if (text[m[1]!.length + 1] !== ' ' && m[2] !== '') throw new Bail();
    const key = m[1]!;
    const rest = m[2]!;
    cursor.i++;
    let node: FastYaml;
    if (rest === '') {
      // A nested block: deeper lines, or a compact sequence (`key:` then `- ` at this indent).
      const next = lines[cursor.i];
      if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- '))))
        node = block(lines, cursor, next.indent);
      else throw new Bail(); // `key:` alone is null; leave that to yaml
    } else node = inline(rest, keyStart + key.length + 1 + (rest.length - rest.trimStart().length) + 1);
    value[key] = node.value;
    pairs.push({ key, keyStart, value: node.root });
    const next = lines[cursor.i];
    if (!next || next.indent !== indent) break;
    if (next.text.startsWith('- ') || next.text === '-') break;
    text = next.text;
    keyStart = next.start;
  }
  const next = lines[cursor.i];
  if (next && next.indent > indent) throw new Bail();
  return { value, root: { kind: 'map', start: firstStart, pairs } };
}

/** A one-line YAML value (a signature's default), or undefined when `yaml` must read it. */
export function fastScalar(text: string): { value: unknown } | undefined {
  if (/[\t\r\n#]|\\(?!["\\/bfnrtu])/.test(text)) return undefined;
  try {
    return { value: inline(text, 0).value };
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}

/** A value on one line: quoted string, flow list, or plain scalar. */
function inline(text: string, start: number): FastYaml {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new Bail();
    return { value: json(t), root: { kind: 'scalar', start } };
  }
  if (t.startsWith("'")) {
    const inner = t.slice(1, -1);
    if (!t.endsWith("'") || t.length < 2 || /'(?!')/.test(inner.replace(/''/g, ''))) throw new Bail();
    return { value: inner.replace(/''/g, "'"), root: { kind: 'scalar', start } };
  }
  if (t.startsWith('[') || t.startsWith('{')) {
    const cursor = { s: t, i: 0 };
    const value = flow(cursor);
    if (cursor.i !== t.length) throw new Bail();
    return { value, root: { kind: 'flow', start } };
  }
  return { value: plain(t), root: { kind: 'scalar', start } };
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Bail();
  }
}

/** One-line flow collections: `[a, "b", 1]`, `{ id: x, args: [1] }`, nested. */
function flow(c: { s: string; i: number }): unknown {
  const open = c.s[c.i];
  const close = open === '[' ? ']' : '}';
  const list: unknown[] = [];
  const map: Record<string, unknown> = {};
  c.i++;
  skip(c);
  if (c.s[c.i] === close) {
    c.i++;
    return open === '[' ? list : map;
  }
  for (;;) {
    skip(c);
    if (open === '[') list.push(flowValue(c, close));
    else {
      const key = flowKey(c);
      if (Object.hasOwn(map, key)) throw new Bail();
      map[key] = flowValue(c, close);
    }
    skip(c);
    const ch = c.s[c.i++];
    if (ch === close) return open === '[' ? list : map;
    if (ch !== ',') throw new Bail();
  }
}

function flowKey(c: { s: string; i: number }): string {
  let key: string;
  if (c.s[c.i] === '"') key = quoted(c) as string;
  else {
    const m = /^[A-Za-z_][\w.-]*/.exec(c.s.slice(c.i));
    if (!m || NOT_STRING_KEY.test(m[0])) throw new Bail();
    key = m[0];
    c.i += key.length;
  }
  if (typeof key !== 'string' || key === '__proto__' || c.s[c.i] !== ':' || c.s[c.i + 1] !== ' ') throw new Bail();
  c.i += 2;
  skip(c);
  return key;
}

function flowValue(c: { s: string; i: number }, close: string): unknown {
  const ch = c.s[c.i];
  if (ch === '[' || ch === '{') return flow(c);
  if (ch === '"') return quoted(c);
  if (ch === "'") {
    const m = /^'((?:[^']|'')*)'/.exec(c.s.slice(c.i));
    if (!m) throw new Bail();
    c.i += m[0].length;
    return m[1]!.replace(/''/g, "'");
  }
  let end = c.i;
  while (end < c.s.length && !',[]{}'.includes(c.s[end]!)) end++;
  const text = c.s.slice(c.i, end).trim();
  if (text.includes(':') || (c.s[end] !== close && c.s[end] !== ',')) throw new Bail();
  c.i = end;
  return plain(text);
}

function quoted(c: { s: string; i: number }): unknown {
  const m = /^"(?:[^"\\]|\\.)*"/.exec(c.s.slice(c.i));
  if (!m) throw new Bail();
  c.i += m[0].length;
  return json(m[0]);
}

function skip(c: { s: string; i: number }): void {
  while (c.s[c.i] === ' ') c.i++;
}

/** A plain scalar resolved by YAML 1.2's core schema, as the `yaml` library does. */
function plain(t: string): unknown {
  if (t === '' || !PLAIN_START.test(t) || t.includes(': ') || t.endsWith(':') || t.includes(' #')) throw new Bail();
  if (/^(?:~|[Nn]ull|NULL)$/.test(t)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(t)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(t)) return false;
  if (/^0o[0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(t)) return parseInt(t, 10);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(t))
    return t.slice(-3).toLowerCase() === 'nan' ? NaN : t[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(t) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(t))
    return parseFloat(t);
  return t;
}

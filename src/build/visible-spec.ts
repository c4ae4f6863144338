// The spec as the implementer may see it: the same Markdown with every hidden case taken
// out (whole `hidden` blocks dropped, `hidden: true` items removed from mixed blocks).
// A pure source-to-source pass, so the snapshot reads exactly like the author's spec.
import { isMap, isSeq, parseDocument } from 'yaml';

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/;

function isHiddenItem(item: unknown): boolean {
  return isMap(item) && item.get('hidden') === true;
}

/** Removes hidden items from a YAML case list (or a tests.yaml mapping of lists). */
export function redactCaseYaml(text: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return text; // leave malformed input to the checker's diagnostics
  const root = doc.contents;
  const plain: unknown = doc.toJS();
  if (plain && typeof plain === 'object' && (plain as { hidden?: unknown }).hidden === true) return undefined;
  const lists = isSeq(root)
    ? [root]
    : isMap(root)
      ? root.items.map((p) => p.value).filter((v) => isSeq(v))
      : [];
  let changed = false;
  for (const list of lists) {
    if (!isSeq(list)) continue;
    const kept = list.items.filter((i) => !isHiddenItem(i));
    if (kept.length !== list.items.length) {
      list.items = kept;
      changed = true;
    }
  }
  return changed ? doc.toString() : text;
}

export function redactSpecMarkdown(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) {
      out.push(lines[i] ?? '');
      continue;
    }
    const [, indent = '', fence = '```', info = ''] = open;
    let end = i + 1;
    while (end < lines.length) {
      const line = lines[end] ?? '';
      const close = line.trim();
      if (close.startsWith(fence[0]!.repeat(fence.length)) && /^[`~]+$/.test(close)) break;
      end++;
    }
    const words = info.trim().split(/\s+/);
    const isCases = (words[0] === 'yaml' || words[0] === 'yml') && words[1] === 'conformance';
    const isExample = words[0] === 'example';
    const body = lines.slice(i + 1, end);
    if ((isCases || isExample) && words.includes('hidden')) {
      // whole block hidden: drop it, fence lines included
    } else if (isCases) {
      const text = body.map((l) => l.slice(Math.min(indent.length, l.length - l.trimStart().length))).join('\n');
      const redacted = redactCaseYaml(text);
      out.push(lines[i]!);
      if (redacted !== undefined) out.push(...redacted.replace(/\n$/, '').split('\n').map((l) => indent + l));
      if (end < lines.length) out.push(lines[end]!);
    } else {
      out.push(...lines.slice(i, Math.min(end + 1, lines.length)));
    }
    i = end;
  }
  return out.join('\n');
}

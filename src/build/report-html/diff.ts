// A unified diff (git's) parsed into files and lines, with each line's number on the new side so
// review findings (file:line) can link into it.

export interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk' | 'meta';
  text: string;
  /** Line number in the new file (add and ctx lines). */
  newLine?: number;
}

export interface DiffFile {
  path: string;
  added: number;
  removed: number;
  lines: DiffLine[];
}

const HEADER = /^diff --git a\/(.*) b\/(.*)$/;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parseDiff(patch: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let next = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const header = HEADER.exec(text);
    if (header) {
      file = { path: header[2] ?? header[1] ?? '?', added: 0, removed: 0, lines: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    const hunk = HUNK.exec(text);
    if (hunk) {
      next = Number(hunk[1]);
      inHunk = true;
      file.lines.push({ kind: 'hunk', text });
    } else if (!inHunk) {
      if (text.startsWith('+++ b/')) file.path = text.slice(6);
      if (!text.startsWith('---') && !text.startsWith('+++') && !text.startsWith('index '))
        file.lines.push({ kind: 'meta', text });
    } else if (text.startsWith('+')) {
      file.added += 1;
      file.lines.push({ kind: 'add', text: text.slice(1), newLine: next++ });
    } else if (text.startsWith('-')) {
      file.removed += 1;
      file.lines.push({ kind: 'del', text: text.slice(1) });
    } else if (text.startsWith(' ')) {
      file.lines.push({ kind: 'ctx', text: text.slice(1), newLine: next++ });
    } else if (text !== '') {
      file.lines.push({ kind: 'meta', text });
    }
  }
  return files;
}

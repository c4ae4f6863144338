// File tools: list_files, read_file, write_file, edit_file. All paths are jailed.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Tool } from '../agents/types.js';
import { DEFAULT_READ_ONLY, errorText, fail, ok, type ToolContext } from './context.js';
import { resolveInJail } from './jail.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', '__pycache__', 'target', 'dist']);
const MAX_LIST = 2000;

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (out.length >= MAX_LIST) return;
    const abs = path.join(dir, e.name);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name)) continue;
      await walk(root, abs, out);
    } else {
      out.push(e.isSymbolicLink() ? `${rel} (symlink)` : rel);
    }
  }
}

export function listFilesTool(ctx: ToolContext): Tool {
  return {
    name: 'list_files',
    description: 'List files under a directory of the repository (recursive; skips .git, node_modules, build output).',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Directory relative to the repository root; default "."' } },
      additionalProperties: false,
    },
    async run(args) {
      try {
        const { abs, rel } = resolveInJail(ctx.root, args.path ?? '.');
        const s = await stat(abs).catch(() => undefined);
        if (!s) return fail(`no such directory: ${rel}`);
        if (!s.isDirectory()) return fail(`not a directory: ${rel}`);
        const out: string[] = [];
        await walk(path.resolve(ctx.root), abs, out);
        if (out.length === 0) return ok('(no files)');
        const more = out.length >= MAX_LIST ? `\n[listing stopped at ${MAX_LIST} entries]` : '';
        return ok(out.join('\n') + more);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

export function readFileTool(ctx: ToolContext): Tool {
  const cap = ctx.maxReadBytes ?? 64 * 1024;
  return {
    name: 'read_file',
    description: 'Read a text file of the repository.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'File path relative to the repository root' } },
      required: ['path'],
      additionalProperties: false,
    },
    async run(args) {
      try {
        const { abs, rel } = resolveInJail(ctx.root, args.path);
        const s = await stat(abs).catch(() => undefined);
        if (!s) return fail(`no such file: ${rel}`);
        if (s.isDirectory()) return fail(`${rel} is a directory; use list_files`);
        const buf = await readFile(abs);
        if (buf.subarray(0, 8000).includes(0)) return fail(`${rel} looks binary (${buf.length} bytes)`);
        if (buf.length > cap) {
          return ok(`${buf.subarray(0, cap).toString('utf8')}\n[... truncated: file is ${buf.length} bytes, showing the first ${cap}]`);
        }
        return ok(buf.toString('utf8'));
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

export function writeFileTool(ctx: ToolContext): Tool {
  return {
    name: 'write_file',
    description: 'Create or overwrite a file of the repository with the given content (parent directories are created).',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the repository root' },
        content: { type: 'string', description: 'The complete new file content' },
      },
      required: ['path', 'content'],
      additionalProperties: false,
    },
    async run(args) {
      try {
        const { abs, rel } = resolveInJail(ctx.root, args.path, { write: true, readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY });
        if (typeof args.content !== 'string') return fail('content must be a string');
        const s = await stat(abs).catch(() => undefined);
        if (s?.isDirectory()) return fail(`${rel} is a directory`);
        await mkdir(path.dirname(abs), { recursive: true });
        // mkdir may have created directories; re-check nothing escaped in the meantime.
        resolveInJail(ctx.root, args.path, { write: true, readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY });
        await writeFile(abs, args.content);
        return ok(`wrote ${rel} (${Buffer.byteLength(args.content)} bytes)`);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

export function editFileTool(ctx: ToolContext): Tool {
  return {
    name: 'edit_file',
    description:
      'Replace one exact occurrence of `search` with `replace` in a file. Fails if `search` is not found or occurs more than once (add surrounding lines to make it unique).',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the repository root' },
        search: { type: 'string', description: 'Exact text to find (must occur exactly once)' },
        replace: { type: 'string', description: 'Replacement text' },
      },
      required: ['path', 'search', 'replace'],
      additionalProperties: false,
    },
    async run(args) {
      try {
        const { abs, rel } = resolveInJail(ctx.root, args.path, { write: true, readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY });
        const { search, replace } = args;
        if (typeof search !== 'string' || typeof replace !== 'string') return fail('search and replace must be strings');
        if (search === '') return fail('search must not be empty; use write_file to create a file');
        const text = await readFile(abs, 'utf8').catch(() => undefined);
        if (text === undefined) return fail(`no such file: ${rel}`);
        const n = countOccurrences(text, search);
        if (n === 0) return fail(`search text not found in ${rel}; read_file it and copy the text exactly`);
        if (n > 1) return fail(`search text occurs ${n} times in ${rel}; include more context to make it unique`);
        const i = text.indexOf(search);
        await writeFile(abs, text.slice(0, i) + replace + text.slice(i + search.length));
        return ok(`edited ${rel}`);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

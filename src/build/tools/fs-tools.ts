// File tools: list_files, read_file, write_file, edit_file. All paths are jailed, and only
// regular files are opened: a FIFO, device or socket planted in the repo is refused at once
// (opened non-blocking, checked on the open descriptor, so no swap can sneak in between).
import { constants } from 'node:fs';
import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Tool } from '../agents/types.js';
import { DEFAULT_READ_ONLY, errorText, fail, ok, type ToolContext } from './context.js';
import { resolveInJail } from './jail.js';

/** edit_file works on files up to this size. */
const MAX_EDIT_BYTES = 4 * 1024 * 1024;

function kindOf(s: import('node:fs').Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** Opens `abs` only if it is a regular file; never blocks (O_NONBLOCK), never takes a terminal. */
async function openRegular(abs: string, rel: string, mode: 'read' | 'write'): Promise<FileHandle> {
  const flags =
    constants.O_NONBLOCK |
    constants.O_NOCTTY |
    (mode === 'read' ? constants.O_RDONLY : constants.O_WRONLY | constants.O_CREAT);
  let fh: FileHandle;
  try {
    fh = await open(abs, flags, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENXIO') throw new Error(`${rel} is not a regular file (a FIFO or socket); refused`);
    if (code === 'ENOENT') throw new Error(`no such file: ${rel}`);
    if (code === 'EISDIR') throw new Error(`${rel} is a directory`);
    throw e;
  }
  const s = await fh.stat();
  if (!s.isFile()) {
    await fh.close();
    throw new Error(`${rel} is ${kindOf(s)}; only regular files can be ${mode === 'read' ? 'read' : 'written'}`);
  }
  return fh;
}

/** Reads at most `cap` bytes of a regular file; `size` is the whole file's. */
async function readRegular(abs: string, rel: string, cap: number): Promise<{ buf: Buffer; size: number }> {
  const fh = await openRegular(abs, rel, 'read');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(size, cap));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { buf: buf.subarray(0, got), size };
  } finally {
    await fh.close();
  }
}

async function writeRegular(abs: string, rel: string, content: string): Promise<void> {
  const fh = await openRegular(abs, rel, 'write');
  try {
    await fh.truncate(0);
    await fh.writeFile(content);
  } finally {
    await fh.close();
  }
}

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
        const { buf, size } = await readRegular(abs, rel, cap);
        if (buf.subarray(0, 8000).includes(0)) return fail(`${rel} looks binary (${size} bytes)`);
        if (size > cap) {
          return ok(`${buf.toString('utf8')}\n[... truncated: file is ${size} bytes, showing the first ${cap}]`);
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
    description:
      'Create or overwrite a file of the repository with the given content (parent directories are created).',
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
        const { abs, rel } = resolveInJail(ctx.root, args.path, {
          write: true,
          readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY,
        });
        if (typeof args.content !== 'string') return fail('content must be a string');
        const s = await stat(abs).catch(() => undefined);
        if (s?.isDirectory()) return fail(`${rel} is a directory`);
        await mkdir(path.dirname(abs), { recursive: true });
        // mkdir may have created directories; re-check nothing escaped in the meantime.
        resolveInJail(ctx.root, args.path, { write: true, readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY });
        await writeRegular(abs, rel, args.content);
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
        const { abs, rel } = resolveInJail(ctx.root, args.path, {
          write: true,
          readOnly: ctx.readOnly ?? DEFAULT_READ_ONLY,
        });
        const { search, replace } = args;
        if (typeof search !== 'string' || typeof replace !== 'string')
          return fail('search and replace must be strings');
        if (search === '') return fail('search must not be empty; use write_file to create a file');
        const { buf, size } = await readRegular(abs, rel, MAX_EDIT_BYTES);
        if (size > MAX_EDIT_BYTES)
          return fail(`${rel} is ${size} bytes; edit_file handles files up to ${MAX_EDIT_BYTES}, use write_file`);
        const text = buf.toString('utf8');
        const n = countOccurrences(text, search);
        if (n === 0) return fail(`search text not found in ${rel}; read_file it and copy the text exactly`);
        if (n > 1) return fail(`search text occurs ${n} times in ${rel}; include more context to make it unique`);
        const i = text.indexOf(search);
        await writeRegular(abs, rel, text.slice(0, i) + replace + text.slice(i + search.length));
        return ok(`edited ${rel}`);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

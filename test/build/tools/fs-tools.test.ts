import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { implementerTools, reviewerTools } from '../../../src/build/tools/index.js';
import type { Tool } from '../../../src/build/agents/types.js';
import { cleanup, tempDir, tempRepo } from '../agents/helpers.js';

afterEach(cleanup);

function tool(tools: Tool[], name: string): Tool {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return t;
}

describe('file tools', () => {
  it('write_file creates parents; read_file and list_files see it', async () => {
    const root = tempRepo();
    const tools = implementerTools({ root });
    const w = await tool(tools, 'write_file').run({ path: 'src/lib/a.ts', content: 'export const a = 1;\n' });
    expect(w.isError).toBeUndefined();
    expect(readFileSync(path.join(root, 'src/lib/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect((await tool(tools, 'read_file').run({ path: 'src/lib/a.ts' })).content).toBe('export const a = 1;\n');
    const list = await tool(tools, 'list_files').run({});
    expect(list.content.split('\n')).toEqual(['src/lib/a.ts']);
  });

  it('edit_file replaces exactly one occurrence, and errors when missing or ambiguous', async () => {
    const root = tempRepo();
    writeFileSync(path.join(root, 'f.txt'), 'one two two\n');
    const edit = tool(implementerTools({ root }), 'edit_file');
    expect((await edit.run({ path: 'f.txt', search: 'three', replace: 'x' })).content).toMatch(/not found/);
    expect((await edit.run({ path: 'f.txt', search: 'two', replace: 'x' })).content).toMatch(/occurs 2 times/);
    const okRes = await edit.run({ path: 'f.txt', search: 'one', replace: 'uno' });
    expect(okRes.isError).toBeUndefined();
    expect(readFileSync(path.join(root, 'f.txt'), 'utf8')).toBe('uno two two\n');
    expect((await edit.run({ path: 'missing.txt', search: 'a', replace: 'b' })).isError).toBe(true);
  });

  it('refuses escapes with a tool error, not an exception', async () => {
    const root = tempRepo();
    const outside = tempDir();
    symlinkSync(outside, path.join(root, 'link'));
    const tools = implementerTools({ root });
    for (const p of ['../x.txt', '/tmp/x.txt', 'link/x.txt', '.git/config', '.ghost/state.json']) {
      const r = await tool(tools, 'write_file').run({ path: p, content: 'x' });
      expect(r.isError, p).toBe(true);
    }
    expect((await tool(tools, 'read_file').run({ path: '../../etc/passwd' })).isError).toBe(true);
    expect((await tool(tools, 'list_files').run({ path: 'link' })).isError).toBe(true);
  });

  it('read_file truncates big files with a note', async () => {
    const root = tempRepo();
    writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(5000));
    const r = await tool(implementerTools({ root, maxReadBytes: 1000 }), 'read_file').run({ path: 'big.txt' });
    expect(r.content).toMatch(/truncated: file is 5000 bytes/);
  });

  it('the reviewer gets a read-only subset', () => {
    const root = tempRepo();
    expect(reviewerTools({ root }).map((t) => t.name)).toEqual(['list_files', 'read_file']);
    const withConf = reviewerTools({
      root,
      runConformance: async () => {
        throw new Error('unused');
      },
    });
    expect(withConf.map((t) => t.name)).toEqual(['list_files', 'read_file', 'run_conformance']);
    expect(implementerTools({ root }).map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'write_file',
      'edit_file',
      'run_command',
      'finish',
    ]);
  });

  it('finish ends the session with its summary', async () => {
    const r = await tool(implementerTools({ root: tempRepo() }), 'finish').run({ summary: 'did it' });
    expect(r).toEqual({ content: 'did it', final: true });
  });
});

describe('file tools on files that are not regular', () => {
  // Each of these hung the tool (and the session) forever before: opening a FIFO blocks.
  it('read_file, write_file and edit_file refuse a FIFO at once, also through a symlink', async () => {
    const root = tempRepo();
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    symlinkSync('pipe', path.join(root, 'link'));
    const tools = implementerTools({ root });
    for (const p of ['pipe', 'link']) {
      const r = await tool(tools, 'read_file').run({ path: p });
      expect(r.isError).toBe(true);
      expect(r.content).toMatch(/FIFO/);
      expect((await tool(tools, 'write_file').run({ path: p, content: 'x' })).isError).toBe(true);
      expect((await tool(tools, 'edit_file').run({ path: p, search: 'a', replace: 'b' })).isError).toBe(true);
    }
  });

  it('read_file reads only up to its cap of a large file', async () => {
    const root = tempRepo();
    writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(200_000));
    const r = await tool(implementerTools({ root, maxReadBytes: 1000 }), 'read_file').run({ path: 'big.txt' });
    expect(r.content).toContain('file is 200000 bytes, showing the first 1000');
    expect(r.content.length).toBeLessThan(1200);
  });
});

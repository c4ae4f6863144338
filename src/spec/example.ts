// CommonMark-style command examples:
//   ```example id=count-words exit=0
//   $ wc --words        ← the command line (program name, then argv)
//   one two three       ← stdin, up to a line holding a single `.`
//   .
//   3                   ← expected stdout
//   ```
import type { Diagnostics } from './diagnostics.js';
import type { CommandCase, Location } from './types.js';

export interface ExampleBlock {
  value: string;
  meta: Map<string, string | true>;
  section?: string;
  /** Location of the block's first content line. */
  location: Location;
  /** 1-based ordinal among the section's examples, for a default id. */
  ordinal: number;
}

export function exampleCase(block: ExampleBlock, diags: Diagnostics): CommandCase | undefined {
  const lines = block.value.split('\n');
  const first = lines[0] ?? '';
  if (!first.startsWith('$ ')) {
    diags.error(
      'case-schema',
      'example block: the first line must be `$ ` followed by the command line',
      block.location,
    );
    return undefined;
  }
  const words = shellWords(first.slice(2));
  if (typeof words === 'string') {
    diags.error('case-schema', `example block: ${words}`, block.location);
    return undefined;
  }
  const rest = lines.slice(1);
  const dot = rest.indexOf('.');
  const stdinLines = dot === -1 ? [] : rest.slice(0, dot);
  const stdoutLines = dot === -1 ? rest : rest.slice(dot + 1);
  const exitText = block.meta.get('exit');
  const exitCode = typeof exitText === 'string' ? Number(exitText) : 0;
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) {
    diags.error(
      'case-schema',
      `example block: \`exit=${String(exitText)}\` is not an exit code (0-255)`,
      block.location,
    );
    return undefined;
  }
  const id = block.meta.get('id');
  return {
    id: typeof id === 'string' ? id : `${block.section ?? 'example'}-example-${block.ordinal}`,
    hidden: block.meta.has('hidden'),
    requirements: listMeta(block.meta.get('requirements')),
    ...(block.section !== undefined ? { section: block.section } : {}),
    location: block.location,
    kind: 'command',
    argv: words.slice(1),
    stdin: joinLines(stdinLines),
    expect: { exitCode, stdout: joinLines(stdoutLines) },
  };
}

export function listMeta(value: string | true | undefined): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** POSIX-shell-like word splitting: '...' literal, "..." with \-escapes, \x outside quotes. */
export function shellWords(line: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return 'unterminated single quote in the command line';
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i] ?? '';
        i++;
      }
      if (i >= line.length) return 'unterminated double quote in the command line';
      inWord = true;
    } else if (ch === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) return 'empty command line after `$ `';
  return words;
}

// Every YAML block and case file we ship: the fast path agrees with the `yaml` library where it
// reads at all, and reads most of them (seconds, so not in the default tier).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectBlocks } from '../../../src/spec/blocks.js';
import { parseMarkdown } from '../../../src/spec/markdown.js';
import { agree } from '../../spec/yaml-agree.js';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('yaml fast path', () => {
  it('agrees with yaml on every block and case file we ship', () => {
    let fast = 0;
    let total = 0;
    // fixtures/limits/ are past the parser's limits on purpose (test/spec/limits.test.ts).
    for (const file of [
      ...files('specs', /\.md$/),
      ...files('fixtures', /\.md$/).filter((f) => !f.includes('limits')),
    ]) {
      const source = readFileSync(file, 'utf8');
      for (const block of collectBlocks(parseMarkdown(source), file)) {
        if (block.kind === 'example') continue;
        total++;
        if (agree(block.source.text)) fast++;
      }
    }
    for (const file of files('fixtures', /\.ya?ml$/)) {
      total++;
      if (agree(readFileSync(file, 'utf8'))) fast++;
    }
    expect(fast / total).toBeGreaterThan(0.5);
  });
});

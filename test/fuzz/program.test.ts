import { describe, expect, it } from 'vitest';
import { nearMissOptions } from '../../src/fuzz/program.js';

describe('CLI argument lists', () => {
  it('names options the program nearly knows, never one it knows', () => {
    const known = ['--words', '--help', '-l', '-w', '--width=5'];
    const unknown = nearMissOptions(known);
    expect(unknown).toEqual(expect.arrayContaining(['--wordsx', '--word', '--helpx', '--hel', '-z', '--widthx']));
    for (const k of known) expect(unknown).not.toContain(k);
  });
});

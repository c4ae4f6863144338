import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { detectHardcoding } from '../../src/build/hardcode.js';
import { ROMAN_PY, ROMAN_SPEC, tmpDir } from './support.js';

async function scan(source: string) {
  const dir = tmpDir('ghost-hc-');
  writeFileSync(path.join(dir, 'roman.py'), source);
  const { spec } = await loadSpec(ROMAN_SPEC);
  return detectHardcoding([{ path: 'roman.py', absolute: path.join(dir, 'roman.py') }], spec.cases);
}

describe('detectHardcoding', () => {
  it('does not flag the hand-written reference implementation', async () => {
    const f = await scan(ROMAN_PY);
    expect(f.suspicious).toBe(false);
    expect(f.considered).toBeGreaterThan(20);
  });

  it('flags a lookup table of inputs and expected outputs, one pair per line', async () => {
    const table = [
      '1994: "MCMXCIV",',
      '3999: "MMMCMXCIX",',
      '944: "CMXLIV",',
      '14: "XIV",',
      '40: "XL",',
      '90: "XC",',
      '400: "CD",',
      '2024: "MMXXIV",',
    ];
    const f = await scan(`ANSWERS = {\n${table.join('\n')}\n}\ndef to_roman(n):\n    return ANSWERS[n]\n`);
    expect(f.matched).toBeGreaterThanOrEqual(5);
    expect(f.suspicious).toBe(true);
    expect(f.examples[0]!.file).toBe('roman.py');
  });
});

import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '../../src/util/suggest.js';

describe('suggest', () => {
  it('measures edits, a swap of neighbours as one, ignoring case and _ vs -', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ehco', 'echo')).toBe(1);
    expect(editDistance('Parse_Range', 'parse-range')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest candidate only when it is close', () => {
    expect(suggest('pyhton', ['javascript', 'python', 'java'])).toBe('python');
    expect(suggest('cobol', ['javascript', 'python', 'java'])).toBeUndefined();
    expect(suggest('entyr', ['language', 'entry', 'names'])).toBe('entry');
    expect(suggest('x', ['y'])).toBe('y');
    expect(suggest('same', ['same'])).toBeUndefined();
  });

  it('formats the tail of a message', () => {
    expect(didYouMean('verison', ['version', 'name'])).toBe('; did you mean "version"?');
    expect(didYouMean('zzz', ['version'])).toBe('');
    expect(didYouMean('R-slug-1', ['R-slug-2'], (s) => `\`${s}\``)).toBe('; did you mean `R-slug-2`?');
  });
});

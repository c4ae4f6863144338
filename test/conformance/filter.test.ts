import { describe, expect, it } from 'vitest';
import { selectCases } from '../../src/conformance/filter.js';
import { call, command } from './helpers.js';

const cases = [
  call('add/one', 'add', [1], { value: 1 }, { requirements: ['R-add'] }),
  call('add/two', 'add', [2], { value: 2 }, { hidden: true }),
  call('sub/one', 'sub', [1], { value: 1 }),
  command('cli-1', [], '', { exitCode: 0 }),
];
const ids = (f: Parameters<typeof selectCases>[1]) => selectCases(cases, f).map((c) => c.id);

describe('selectCases', () => {
  it('selects by function, pattern, ids and hidden-ness', () => {
    expect(ids({})).toEqual(['add/one', 'add/two', 'sub/one', 'cli-1']);
    expect(ids({ functions: ['add'] })).toEqual(['add/one', 'add/two']);
    expect(ids({ pattern: 'one' })).toEqual(['add/one', 'sub/one']);
    expect(ids({ pattern: '/^(sub|cli)/' })).toEqual(['sub/one', 'cli-1']);
    expect(ids({ pattern: '/ONE$/i' })).toEqual(['add/one', 'sub/one']);
    expect(ids({ ids: ['sub/one', 'add/two'] })).toEqual(['add/two', 'sub/one']);
    expect(ids({ hidden: 'exclude' })).toEqual(['add/one', 'sub/one', 'cli-1']);
    expect(ids({ hidden: 'only' })).toEqual(['add/two']);
    expect(ids({ functions: ['add'], hidden: 'exclude', pattern: 'o' })).toEqual(['add/one']);
    expect(ids({ requirements: ['R-add', 'R-none'] })).toEqual(['add/one']);
  });

  it('rejects an invalid regex', () => {
    expect(() => ids({ pattern: '/(/' })).toThrow(/invalid --grep pattern/);
  });
});

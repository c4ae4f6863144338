// The Go harness generator (conformance/drivers/go/generate.mjs): pure, so tested without Go.
// Go cannot look functions up by name at run time; the dispatch table it writes must name
// exactly the exported functions that exist, or the harness does not compile.
import { describe, expect, it } from 'vitest';
import { generateDispatch, pascal, resolveNames, scanPackage } from '../../conformance/drivers/go/generate.mjs';

const SOURCE = `// Package semver parses versions.
package semver

import "errors"

var ErrInvalidVersion = errors.New("invalid version")

var (
	ErrInvalidRange = errors.New("invalid range")
	notExported     = 1
)

// func Commented(s string) is not a function
func Parse(s string) (Version, error) { return Version{}, nil }
func MaxSatisfying(vs []string, r string) (*string, error) { return nil, nil }
func (v Version) String() string { return "" }
func Map[T any](xs []T) []T { return xs }
func helper() {}
const doc = \`
func FromRawString() {}
\`
`;

describe('Go harness generator', () => {
  it('finds exported top-level functions and sentinel errors, not methods, generics or text', () => {
    expect(
      scanPackage([
        { name: 'semver.go', text: SOURCE },
        { name: 'semver_test.go', text: 'package semver\nfunc TestX() {}' },
      ]),
    ).toEqual({
      packageName: 'semver',
      functions: ['MaxSatisfying', 'Parse'],
      sentinels: ['ErrInvalidRange', 'ErrInvalidVersion'],
    });
  });

  it('skips package main and maps names like every driver', () => {
    expect(scanPackage([{ name: 'main.go', text: 'package main\nfunc Run() {}' }]).packageName).toBeUndefined();
    expect(pascal('parse_duration')).toBe('ParseDuration');
    expect(pascal('maxSatisfying')).toBe('MaxSatisfying');
    const exported = ['Parse', 'MaxSatisfying', 'Cmp', 'URLPath'];
    expect(
      resolveNames(['parse', 'max_satisfying', 'compare', 'url_path', 'missing'], exported, { compare: 'Cmp' }),
    ).toEqual({
      parse: 'Parse',
      max_satisfying: 'MaxSatisfying',
      compare: 'Cmp',
      url_path: 'URLPath',
    });
  });

  it('writes a dispatch table that references only resolved functions', () => {
    const code = generateDispatch({
      importPath: 'example.com/semver',
      resolved: { parse: 'Parse' },
      sentinels: ['ErrInvalidVersion'],
      entry: '.',
    });
    expect(code).toContain('import impl "example.com/semver"');
    expect(code).toContain('\t"parse": {"Parse", impl.Parse},');
    expect(code).toContain('\t"ErrInvalidVersion": impl.ErrInvalidVersion,');
    // nothing matched: the package is still imported (its init runs) without an unused import
    expect(generateDispatch({ importPath: 'x', resolved: {}, sentinels: [], entry: '.' })).toContain('import _ "x"');
  });
});

// The Rust harness generator (pure): from the spec's typed interface to the dispatch source.
import { describe, expect, it } from 'vitest';
import type { FunctionDecl, Param } from '../../src/spec/types.js';
import {
  generateRustHarness,
  holderFor,
  resolveRustFunction,
  type RustCrate,
} from '../../src/conformance/rust-harness.js';
import {
  cargoPackageName,
  compileErrorSummary,
  missingCrateHint,
  publicFunctions,
} from '../../src/conformance/rust-driver.js';

const loc = { file: 'spec.md', start: { line: 1, column: 1 } };
const fn = (name: string, params: Param[], returns: Record<string, unknown> = { type: 'string' }): FunctionDecl => ({
  name,
  params,
  returns,
  errors: [],
  origin: 'block',
  location: loc,
});
const p = (name: string, type: unknown, extra: Partial<Param> = {}): Param => ({
  name,
  schema: { type },
  optional: false,
  ...extra,
});

const crate: RustCrate = {
  packageName: 'slug-lib',
  dir: '/impl',
  publicFns: new Set(['slugify', 'word_count', 'type_']),
};

describe('generateRustHarness', () => {
  const functions = [
    fn('slugify', [p('text', 'string'), p('options', 'object', { optional: true })]),
    fn('wordCount', [p('text', 'string')], { type: 'integer' }),
    fn('reading_time', [p('text', 'string'), p('wpm', 'number', { optional: true, default: 200 })]),
    fn('type', [p('xs', 'array'), p('flag', 'boolean'), p('n', ['integer', 'null'])]),
  ];
  const h = generateRustHarness(functions, crate, {}, 'Cargo.toml');

  it('emits one dispatch arm per function found, with a holder per spec type', () => {
    expect(h.mainRs).toContain('"slugify" => Some((|| -> support::Outcome {');
    expect(h.mainRs).toContain('let a0 = support::StrArg(0, support::arg_value(args, 0, None));');
    expect(h.mainRs).toContain('let a1 = support::AnyArg(1, support::arg_value(args, 1, None));');
    expect(h.mainRs).toContain('ghost_out!(ghost_impl::slugify(a0.pass()?, a1.pass()?))');
    expect(h.mainRs).toContain('let a0 = support::ArrArg::new(0, support::arg_value(args, 0, None));');
    expect(h.mainRs).toContain('let a1 = support::BoolArg(1,');
    expect(h.mainRs).toContain('let a2 = support::IntArg(2,');
  });

  it('maps names by the Rust convention, keyword-safe, and leaves out what the crate lacks', () => {
    expect(h.functions).toEqual({ slugify: 'slugify', wordCount: 'word_count', type: 'type_' });
    expect(h.mainRs).toContain('ghost_impl::word_count(a0.pass()?)');
    expect(h.mainRs).not.toContain('"reading_time" =>');
  });

  it('passes spec defaults for omitted arguments', () => {
    const withRt = generateRustHarness(functions, { ...crate, publicFns: new Set(['reading_time']) }, {}, 'Cargo.toml');
    expect(withRt.mainRs).toContain('support::NumArg(1, support::arg_value(args, 1, Some(r#"200"#)))');
  });

  it('depends on the implementation crate by path under a fixed name', () => {
    expect(h.cargoToml).toContain('ghost_impl = { package = "slug-lib", path = "/impl" }');
    expect(h.cargoToml).toContain('features = ["preserve_order"]');
  });

  it('follows ghost.json names, including paths', () => {
    expect(resolveRustFunction('parse', crate, { parse: 'Version::parse' })).toBe('Version::parse');
    expect(resolveRustFunction('missing', crate, {})).toBeUndefined();
  });
});

describe('holderFor', () => {
  it.each([
    ['string', 'StrArg'],
    ['integer', 'IntArg'],
    ['number', 'NumArg'],
    ['boolean', 'BoolArg'],
    ['array', 'ArrArg'],
    ['object', 'AnyArg'],
    [undefined, 'AnyArg'],
    [['string', 'null'], 'StrArg'],
    [['string', 'integer'], 'AnyArg'],
  ])('%j → %s', (type, holder) => expect(holderFor({ type })).toBe(holder));
});

describe('crate scanning', () => {
  it('reads the package name and public functions', () => {
    expect(cargoPackageName('[package]\nname = "semver-ghost" # x\n[lib]\nname = "semver_ghost"\n')).toBe(
      'semver-ghost',
    );
    expect([
      ...publicFunctions(['pub fn a() {}\nfn b() {}\npub(crate) fn c() {}\npub const fn d() {}\npub fn r#type() {}']),
    ]).toEqual(['a', 'd', 'type']);
  });

  it('summarises cargo errors once, with file:line relative to the implementation', () => {
    const stderr =
      '   Compiling x v0.1.0\n/impl/src/lib.rs:3:5: error[E0308]: mismatched types\nerror: could not compile `x`\n';
    expect(compileErrorSummary(stderr, '/impl')).toBe('src/lib.rs:3:5: error[E0308]: mismatched types');
  });

  it('says which Debian package provides a crate cargo could not find offline', () => {
    expect(
      missingCrateHint('error: no matching package named `regex_syntax` found\nlocation searched: crates.io index'),
    ).toContain('apt-get install librust-regex-syntax-dev');
    expect(missingCrateHint('error[E0308]: mismatched types')).toBe('');
  });
});

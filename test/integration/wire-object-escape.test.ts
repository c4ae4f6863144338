// The `object` escape ({"$ghost":"object","value":{...}}) in the Go, Ruby and Rust drivers, as
// test/conformance/drivers.test.ts proves it for JavaScript and Python: a user object with a
// `$ghost` key of its own reaches the implementation as that plain object (its entries still
// decoded), and a returned one travels escaped, never read as the tag it mimics. Go and Rust
// compile, hence this tier.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import type { FunctionDecl, Param, Spec } from '../../src/spec/types.js';
import { call, spec as baseSpec } from '../conformance/helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-wire-escape-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function impl(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const IMPLS: Record<string, Record<string, string>> = {
  go: {
    'go.mod': 'module example.com/wire\n\ngo 1.19\n',
    'wire.go': [
      'package wire',
      'import "math"',
      'func Echo(v any) any { return v }',
      'func GhostKey(v map[string]any) any { return v["$ghost"] }',
      'type Tagged struct {',
      '\tGhost string `json:"$ghost"`',
      '\tN     int',
      '}',
      'func Lookalike() map[string]any { return map[string]any{"$ghost": "nan", "x": math.Inf(1)} }',
      'func LookalikeStruct() Tagged { return Tagged{Ghost: "inf", N: 1} }',
      '',
    ].join('\n'),
  },
  ruby: {
    'lib/wire.rb': [
      'module Wire',
      '  module_function',
      '',
      '  def echo(v)',
      '    v',
      '  end',
      '',
      '  def ghost_key(v)',
      "    v['$ghost']",
      '  end',
      '',
      '  def lookalike',
      "    { '$ghost' => 'nan', 'x' => Float::INFINITY }",
      '  end',
      '',
      '  def lookalike_struct',
      "    { :$ghost => 'inf', n: 1 }",
      '  end',
      'end',
      '',
    ].join('\n'),
  },
  rust: {
    'Cargo.toml': '[package]\nname = "wire"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde_json = "1"\n',
    'src/lib.rs': [
      'use serde_json::{json, Map, Value};',
      'pub fn echo(x: Value) -> Value {',
      '    x',
      '}',
      'pub fn ghost_key(x: Map<String, Value>) -> Value {',
      '    x.get("$ghost").cloned().unwrap_or(Value::Null)',
      '}',
      'pub fn lookalike() -> Value {',
      '    json!({"$ghost": "nan", "x": [1]})',
      '}',
      'pub fn lookalike_struct() -> Value {',
      '    json!({"$ghost": "inf", "n": 1})',
      '}',
      '',
    ].join('\n'),
  },
};

const loc = { file: 'test.md', start: { line: 1, column: 1 } };
const p = (name: string, type: string): Param => ({ name, schema: { type }, optional: false });
const SIGNATURES: Record<string, Param[]> = { echo: [p('x', 'object')], ghost_key: [p('x', 'object')] };

function typed(cases: Parameters<typeof baseSpec>[0]): Spec {
  const s = baseSpec(cases);
  const functions: FunctionDecl[] = ['echo', 'ghost_key', 'lookalike', 'lookalike_struct'].map((name) => ({
    name,
    params: SIGNATURES[name] ?? [],
    returns: {},
    errors: [],
    origin: 'block',
    location: loc,
  }));
  return { ...s, functions };
}

const NAN = { $ghost: 'nan' };
const INF = { $ghost: 'inf' };
const lookalike = { $ghost: 'object', value: { $ghost: 'nan' } };
const nested = {
  $ghost: 'object',
  value: { $ghost: 'bigint', value: '1', x: [NAN, { $ghost: 'object', value: { $ghost: 'inf' } }] },
};

describe.each(['go', 'ruby', 'rust'] as const)('the %s driver and the object escape', (lang) => {
  it('decodes an escaped object to the plain object and escapes a returned one', async () => {
    const cases = [
      // round trips: never decoded as what it mimics, entries still decoded
      call('lookalike', 'echo', [lookalike], { value: lookalike }),
      call('nested', 'echo', [nested], { value: nested }),
      call('nan', 'echo', [NAN], { value: Number.NaN }),
      call('list', 'echo', [[lookalike, 1]], { value: [lookalike, 1] }),
      // an unknown tag is a plain object, so it goes back escaped
      call('unknown', 'echo', [{ $ghost: 'weird', a: 1 }], {
        value: { $ghost: 'object', value: { $ghost: 'weird', a: 1 } },
      }),
      // the implementation receives the plain object: its own `$ghost` key, literally
      call('key', 'ghost_key', [lookalike], { value: 'nan' }),
      call('key-nested', 'ghost_key', [nested], { value: 'bigint' }),
      call('key-escaped-empty', 'ghost_key', [{ $ghost: 'object', value: 3 }], { value: null }),
      // a map/hash/struct the implementation builds with a `$ghost` key travels escaped
      call('returned', 'lookalike', [], {
        value: { $ghost: 'object', value: lang === 'rust' ? { $ghost: 'nan', x: [1] } : { $ghost: 'nan', x: INF } },
      }),
      call('returned-struct', 'lookalike_struct', [], {
        value: { $ghost: 'object', value: { $ghost: 'inf', n: 1 } },
      }),
    ];
    const report = await runConformance(typed(cases), {
      implDir: impl(lang, IMPLS[lang]!),
      language: lang,
      jobs: 1,
      timeoutMs: 20_000,
    });
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report.total).toBe(cases.length);
  }, 600_000);
});

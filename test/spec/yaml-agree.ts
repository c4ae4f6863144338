// Shared by the yaml fast-path tests: the fast path and the `yaml` library must agree on the
// value and on every position a finding can ask for.
import { expect } from 'vitest';
import { parse } from 'yaml';
import { Diagnostics } from '../../src/spec/diagnostics.js';
import { fastYaml } from '../../src/spec/yaml-fast.js';
import { parseYamlSource, type YamlPath } from '../../src/spec/yaml-source.js';

/** Every path into a value (the paths findings use), plus a few that do not exist. */
function paths(value: unknown, prefix: YamlPath = []): YamlPath[] {
  const out: YamlPath[] = [prefix, [...prefix, 'missing'], [...prefix, 99]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

export function agree(text: string): boolean {
  const fast = fastYaml(text);
  if (!fast) return false;
  expect(fast.value, text).toEqual(parse(text, { uniqueKeys: true }));
  const src = { file: 'f.yaml', text, line: 3, indent: 2 };
  const quick = parseYamlSource(src, new Diagnostics());
  const slow = parseYamlSource(src, new Diagnostics(), { fast: false });
  for (const path of paths(fast.value))
    expect(quick.locate(path), `${text}\n${JSON.stringify(path)}`).toEqual(slow.locate(path));
  return true;
}

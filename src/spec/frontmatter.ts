// Front matter: optional YAML between `---` lines at the top, schema-checked, plus the
// defaults a spec without front matter gets (name — and a version — from the H1).
import type { Yaml } from 'mdast';
import type { Diagnostics } from './diagnostics.js';
import { describeSchemaError, validatorFor } from './schemas.js';
import { nameSlug } from './slug.js';
import type { Location } from './types.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

export interface FrontMatter {
  ghost?: 1;
  name?: string;
  version?: string;
  summary?: string;
  license?: string;
  tests?: string[];
  targets?: string[];
  command?: string;
}

export interface FrontMatterResult {
  present: boolean;
  data: FrontMatter;
  /** Where `tests[i]` was written (for missing-file), or the file start. */
  locateTest(index: number): Location;
}

// semver.org's recommended regular expression.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

export function readFrontMatter(node: Yaml | undefined, file: string, diags: Diagnostics): FrontMatterResult {
  const fileStart: Location = { file, start: { line: 1, column: 1 } };
  if (!node) return { present: false, data: {}, locateTest: () => fileStart };
  const parsed: ParsedYaml = parseYamlSource({ file, text: node.value, line: 2, indent: 0 }, diags);
  const locateTest = (i: number) => parsed.locate(['tests', i]);
  if (!parsed.ok || parsed.value === null || parsed.value === undefined) return { present: true, data: {}, locateTest };
  const validate = validatorFor('frontmatter');
  if (!validate(parsed.value)) {
    const { path, message } = describeSchemaError(validate.errors, 'frontmatter');
    diags.error('front-matter', `front matter: ${message}`, parsed.locate(path));
    return { present: true, data: {}, locateTest };
  }
  const data = { ...(parsed.value as FrontMatter) };
  if (data.version !== undefined) {
    const version = String(data.version);
    if (!isSemver(version)) {
      diags.error(
        'invalid-semver',
        `front matter: version \`${version}\` is not semver (MAJOR.MINOR.PATCH, e.g. 1.0.0)`,
        parsed.locate(['version']),
      );
      delete data.version;
    } else data.version = version;
  }
  return { present: true, data, locateTest };
}

/**
 * Name (and version) for a spec without front matter, from its H1:
 * "humanize Specification v0.2.0" → name `humanize`, version `0.2.0`.
 */
export function nameFromTitle(title: string): { name?: string; version?: string } {
  let rest = title.trim();
  let version: string | undefined;
  const v = /\s+v?(\d+\.\d+\.\d+\S*)$/i.exec(rest);
  if (v?.[1] && isSemver(v[1])) {
    version = v[1];
    rest = rest.slice(0, v.index);
  }
  rest = rest.replace(/\s+(specification|spec)$/i, '');
  const name = nameSlug(rest).replace(/^[._-]+/, '');
  return { ...(name ? { name } : {}), ...(version ? { version } : {}) };
}

// Imported case files (spec-format §5). Two layouts: the tests.yaml layout of published ghost
// libraries (function name → list of {name, input, output|error}) and the native layout (a
// list of cases as in a conformance block, or {cases: [...], hidden: true}).
import type { RawCase } from './cases.js';
import type { Diagnostics } from './diagnostics.js';
import { rawHidden } from './spans.js';
import type { CaseFileSpan, Location } from './types.js';
import { nameSlug } from './slug.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

export interface CaseImport {
  /** Path to open (relative to the working directory or absolute). */
  path: string;
  /** As listed in `meta.tests` (relative to the spec). */
  listed: string;
  /** Where the import was requested, for `missing-file`. */
  origin: Location;
}

export type CaseFileReader = (path: string) => string | undefined;

export interface ImportedCases {
  raws: RawCase[];
  /** Per file read: which of its cases are hidden (for the visible snapshot). */
  spans: CaseFileSpan[];
  /** Texts of the files read, in order (for the spec hash). */
  texts: string[];
}

export function importCaseFiles(imports: CaseImport[], read: CaseFileReader, diags: Diagnostics): ImportedCases {
  const raws: RawCase[] = [];
  const texts: string[] = [];
  const spans: CaseFileSpan[] = [];
  for (const imp of imports) {
    let text: string | undefined;
    try {
      text = read(imp.path);
    } catch (e) {
      diags.error('missing-file', `cannot read case file \`${imp.listed}\`: ${(e as Error).message}`, imp.origin);
      continue;
    }
    if (text === undefined) {
      diags.error('missing-file', `case file \`${imp.listed}\` does not exist (looked for ${imp.path})`, imp.origin);
      continue;
    }
    texts.push(text);
    const parsed = parseYamlSource({ file: imp.path, text, line: 1, indent: 0 }, diags);
    const found = parsed.ok ? casesOfFile(parsed, imp.path, diags) : [];
    raws.push(...found.map((f) => f.raw));
    const hiddenItems = found.filter((f) => rawHidden(f.raw.raw, f.raw.hidden)).map((f) => f.path);
    spans.push({
      listed: imp.listed,
      path: imp.path,
      // Unreadable, or nothing but hidden cases: the file is cut whole.
      hidden: !parsed.ok || (found.length > 0 && hiddenItems.length === found.length),
      hiddenItems,
    });
  }
  return { raws, texts, spans };
}

interface FoundCase {
  raw: RawCase;
  path: Array<string | number>;
}

function casesOfFile(parsed: ParsedYaml, file: string, diags: Diagnostics): FoundCase[] {
  const value = parsed.value;
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return nativeList(value, parsed, [], false);
  if (typeof value !== 'object') {
    diags.error(
      'case-schema',
      `case file ${file}: expected a mapping of function name → cases, or a list of cases`,
      parsed.locate(),
    );
    return [];
  }
  const map = value as Record<string, unknown>;
  if (Array.isArray(map.cases)) return nativeList(map.cases, parsed, ['cases'], map.hidden === true);
  const raws: FoundCase[] = [];
  for (const [fn, list] of Object.entries(map)) {
    if (fn === 'version') continue;
    if (!Array.isArray(list)) {
      diags.error('case-schema', `case file: \`${fn}\` must be a list of cases`, parsed.locate([fn]));
      continue;
    }
    // Names are descriptions, not ids: distinct names may slug alike (`+5 minutes`, `-5 minutes`)
    // or to nothing (`五分`), and a published file may repeat one. Ids stay unique: an empty
    // slug becomes the case's position, a repeated one gets `-2`, `-3`, ...
    const used = new Set<string>();
    list.forEach((raw, i) => {
      const name = (raw as { name?: unknown } | null)?.name;
      const base = nameSlug(typeof name === 'string' || typeof name === 'number' ? String(name) : '') || String(i + 1);
      let slug = base;
      for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
      used.add(slug);
      raws.push({
        raw: {
          layout: 'tests',
          raw,
          fn,
          slug,
          hidden: false,
          requirements: [],
          locate: (path = []) => parsed.locate([fn, i, ...path]),
        },
        path: [fn, i],
      });
    });
  }
  return raws;
}

function nativeList(list: unknown[], parsed: ParsedYaml, prefix: Array<string | number>, hidden: boolean): FoundCase[] {
  return list.map((raw, i) => ({
    raw: {
      layout: 'native' as const,
      raw,
      hidden,
      requirements: [],
      locate: (path: ReadonlyArray<string | number> = []) => parsed.locate([...prefix, i, ...path]),
    },
    path: [...prefix, i],
  }));
}

// parseSpec: Markdown source → `Spec` + diagnostics. Pure apart from the injected case-file
// reader, so tests can feed it strings. Passes, in order: sections, front matter, functions
// (headings + interface blocks), requirements, raw cases (blocks, examples, imported files),
// then case normalization against the now-complete interface, then whole-spec checks.
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import type { Yaml } from 'mdast';
import { collectBlocks } from './blocks.js';
import { importCaseFiles, type CaseFileReader, type CaseImport } from './case-files.js';
import { normalizeCase, type RawCase } from './cases.js';
import { checkSpec } from './checks.js';
import { Diagnostics, sortDiagnostics } from './diagnostics.js';
import { exampleCase, listMeta } from './example.js';
import { nameFromTitle, readFrontMatter } from './frontmatter.js';
import { functionFromHeading, functionsFromBlock, mergeFunctions } from './interface.js';
import { isStackOverflow, LimitError } from './limits.js';
import { LineIndex } from './lines.js';
import { lintSpec } from './lint.js';
import { UserError } from '../util/errors.js';
import { parseMarkdown } from './markdown.js';
import { extractRequirements, signatureIdBases } from './requirements.js';
import { buildSections } from './sections.js';
import { parseSignatureHeading } from './signature.js';
import { nameSlug } from './slug.js';
import { blockSpan, conformanceSpan, exampleSpan, SourceLines } from './spans.js';
import type { Case, CaseBlockSpan, CheckResult, FunctionDecl, Span, Spec, SpecMeta } from './types.js';
import { parseYamlSource } from './yaml-source.js';

export interface ParseOptions {
  /** Extra case files (paths as the user wrote them); replaces tests.yaml auto-discovery. */
  tests?: string[];
  /** Reads an imported case file; undefined when it does not exist. Default: none exist. */
  readFile?: CaseFileReader;
  /** Also lint for ambiguity (`ghost check --strict`, lint.ts), on the tree already parsed. */
  strict?: boolean;
}

/**
 * Throws only UserError (exit 2), for input past a limit (src/spec/limits.ts): too deeply
 * nested or too large to parse in bounded time. Everything else is a diagnostic.
 */
export function parseSpec(source: string, file: string, options: ParseOptions = {}): CheckResult {
  try {
    return parseUnguarded(source, file, options);
  } catch (e) {
    if (e instanceof LimitError) {
      const at = new LineIndex(source, { loneCR: true }).point(e.offset);
      throw new UserError(`${file}:${at.line}:${at.column}: ${e.message}`);
    }
    if (isStackOverflow(e))
      throw new UserError(`${file}: too deeply nested to read (the parser ran out of stack); flatten the nesting`);
    throw e;
  }
}

function parseUnguarded(source: string, file: string, options: ParseOptions): CheckResult {
  const diags = new Diagnostics();
  const read = memoize(options.readFile ?? (() => undefined)); // discovery reads, then imports
  const lines = new LineIndex(source);
  const root = parseMarkdown(source);
  const blocks = collectBlocks(root, file);
  const sourceLines = new SourceLines(source);
  const caseBlocks = blocks.filter((b) => b.kind !== 'interface');
  const sections = buildSections(
    root,
    source,
    file,
    lines,
    caseBlocks.map((b) => blockSpan(b, sourceLines)),
  );
  const first = root.children[0];
  const front = readFrontMatter(first?.type === 'yaml' ? (first as Yaml) : undefined, file, diags);
  const h1 = sections.headings.find((h) => h.node.depth === 1);

  // Functions declared by signature headings.
  const headingDecls: FunctionDecl[] = [];
  const signatureSections = new Map<string, string>();
  for (const h of sections.headings) {
    const result = parseSignatureHeading(h.text);
    if (result.kind === 'bad') diags.error('bad-signature', result.message, h.section.location);
    else if (result.kind === 'ok') {
      headingDecls.push(functionFromHeading(result.signature, h.section.slug, h.section.location));
      signatureSections.set(h.section.slug, result.signature.name);
    }
  }

  // Fenced blocks: interface → functions; conformance → raw cases; example → command cases.
  const blockDecls: FunctionDecl[] = [];
  const raws: RawCase[] = [];
  const examples: Case[] = [];
  const exampleOrdinals = new Map<string, number>();
  const blockSpans: CaseBlockSpan[] = [];
  let caseSources = 0;
  for (const block of blocks) {
    const section = sections.at(block.offset)?.slug;
    if (block.kind !== 'interface') caseSources++;
    if (block.kind === 'interface') {
      blockDecls.push(...functionsFromBlock(parseYamlSource(block.source, diags), section, diags));
    } else if (block.kind === 'example') {
      const ordinal = (exampleOrdinals.get(section ?? '') ?? 0) + 1;
      exampleOrdinals.set(section ?? '', ordinal);
      const location = { file, start: { line: block.source.line, column: block.source.indent + 1 } };
      const c = exampleCase(
        { value: block.node.value, meta: block.meta, ...(section ? { section } : {}), location, ordinal },
        diags,
      );
      if (c) examples.push(c);
      blockSpans.push(exampleSpan(block, sourceLines));
    } else {
      const parsed = parseYamlSource(block.source, diags);
      const list = parsed.ok && Array.isArray(parsed.value) ? parsed.value : undefined;
      blockSpans.push(conformanceSpan(block, sourceLines, parsed.ok ? parsed : undefined, list));
      if (!parsed.ok || parsed.value === null || parsed.value === undefined) continue;
      if (!Array.isArray(parsed.value)) {
        diags.error('case-schema', 'a conformance block holds a YAML list of cases (`- id: ...`)', parsed.locate());
        continue;
      }
      const fn = block.meta.get('fn');
      parsed.value.forEach((raw, i) => {
        raws.push({
          layout: 'native',
          raw,
          ...(typeof fn === 'string' ? { fn } : {}),
          hidden: block.meta.has('hidden'),
          requirements: listMeta(block.meta.get('requirements')),
          ...(section ? { section } : {}),
          locate: (path = []) => parsed.locate([i, ...path]),
        });
      });
    }
  }

  const idBases = signatureIdBases(
    sections.headings.map((h) => h.section.slug),
    signatureSections,
  );
  const requirements = extractRequirements(root, sections, file, lines, diags, idBases);

  // Imported case files: front matter `tests:`, then --tests, else tests.yaml beside the spec.
  const dir = dirname(file);
  const imports: CaseImport[] = (front.data.tests ?? []).map((listed, i) => ({
    path: join(dir, listed),
    listed,
    origin: front.locateTest(i),
  }));
  const specStart = { file, start: { line: 1, column: 1 } };
  if (options.tests && options.tests.length > 0) {
    for (const path of options.tests) imports.push({ path, listed: relative(dir, path) || path, origin: specStart });
  } else if (!front.present) {
    const found = ['tests.yaml', 'tests.yml'].find((name) => safeExists(read, join(dir, name)));
    if (found) imports.push({ path: join(dir, found), listed: found, origin: specStart });
  }
  const imported = importCaseFiles(imports, read, diags);
  caseSources += imports.length;

  const functions = mergeFunctions(blockDecls, headingDecls, diags);
  const ctx = {
    functions: new Map(functions.map((f) => [f.name, f])),
    requirementIds: new Set(requirements.map((r) => r.id)),
  };
  const cases: Case[] = [];
  for (const raw of raws) {
    const c = normalizeCase(raw, ctx, diags);
    if (c) cases.push(c);
  }
  for (const c of examples) {
    for (const ref of c.requirements) {
      if (!ctx.requirementIds.has(ref))
        diags.error(
          'unknown-requirement',
          `case \`${c.id}\` references requirement \`${ref}\`, which the spec does not define`,
          c.location,
        );
    }
  }
  cases.push(...examples);
  cases.sort((a, b) => a.location.start.line - b.location.start.line);
  for (const raw of imported.raws) {
    const c = normalizeCase(raw, ctx, diags);
    if (c) cases.push(c);
  }

  const meta = buildMeta(front, h1?.text, file, imports, diags);
  const hash = createHash('sha256');
  hash.update(source);
  for (const text of imported.texts) hash.update('\0').update(text);
  const spec: Spec = {
    file,
    meta,
    title: h1?.section.title ?? meta.name,
    sections: sections.tree,
    functions,
    cases,
    requirements,
    hash: hash.digest('hex'),
    spans: {
      ...(first?.type === 'yaml' ? { frontMatter: frontMatterSpan(first as Yaml, source) } : {}),
      blocks: blockSpans,
      caseFiles: imported.spans,
    },
  };
  const mentionedFunctions = new Set(
    [...raws, ...imported.raws].flatMap((r) => {
      const fn = (r.raw as { fn?: unknown } | null)?.fn;
      return [r.fn, typeof fn === 'string' ? fn : undefined].filter((f): f is string => f !== undefined);
    }),
  );
  checkSpec(spec, diags, { caseSources, mentionedFunctions });
  const lint = options.strict ? lintSpec(spec, source, root) : [];
  return { spec, diagnostics: sortDiagnostics([...diags.list, ...lint]) };
}

function buildMeta(
  front: ReturnType<typeof readFrontMatter>,
  h1: string | undefined,
  file: string,
  imports: CaseImport[],
  diags: Diagnostics,
): SpecMeta {
  const d = front.data;
  const fromTitle = h1 ? nameFromTitle(h1) : {};
  let name = d.name;
  if (!name) {
    const fallback = nameSlug(basename(file).replace(/\.[^.]+$/, '')) || 'spec';
    name = fromTitle.name ?? fallback;
    if (!front.present) {
      const source = fromTitle.name ? 'the H1' : 'the file name';
      diags.warning('no-front-matter', `no front matter; library name \`${name}\` taken from ${source}`, {
        file,
        start: { line: 1, column: 1 },
      });
    }
  }
  const version = d.version ?? (front.present ? undefined : fromTitle.version);
  return {
    format: 1,
    name,
    ...(version ? { version } : {}),
    ...(d.summary !== undefined ? { summary: d.summary } : {}),
    ...(d.license !== undefined ? { license: d.license } : {}),
    ...(d.targets !== undefined ? { targets: d.targets } : {}),
    tests: imports.map((i) => i.listed),
    frontMatter: front.present,
    ...(d.command !== undefined ? { command: d.command } : {}),
  };
}

/** The front matter's YAML text, between its `---` lines. */
function frontMatterSpan(node: Yaml, source: string): Span {
  const from = node.position?.start.offset ?? 0;
  const start = source.indexOf(node.value, from);
  return start === -1 ? { start: from, end: from } : { start, end: start + node.value.length };
}

function memoize(read: CaseFileReader): CaseFileReader {
  const seen = new Map<string, string | undefined>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, read(path));
    return seen.get(path);
  };
}

function safeExists(read: CaseFileReader, path: string): boolean {
  try {
    return read(path) !== undefined;
  } catch {
    return true; // exists but unreadable: import it so the problem is reported
  }
}

// Language knowledge, one place (table.ts), one API. A low layer: spec, plan, build and
// conformance may import it; it imports nothing of theirs.
//
// Names are normalised once, at the boundary (CLI flags, plan options, ghost.json): after
// `resolveLanguage`, everything carries the canonical `Language.id`.
import { UserError } from '../util/errors.js';
import { LANGUAGES, type Language, type NameStyle } from './table.js';

export { LANGUAGES, type Language, type NameStyle, type ProgramLayout } from './table.js';

const BY_NAME = new Map<string, Language>();
for (const lang of LANGUAGES) for (const n of [lang.id, ...lang.aliases]) BY_NAME.set(n, lang);

/** The canonical ids, in table order. */
export function languageIds(): string[] {
  return LANGUAGES.map((l) => l.id);
}

/** The language a name or alias (any case, surrounding blanks ignored) denotes, if any. */
export function findLanguage(name: string): Language | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** Like `findLanguage`, but an unknown name is a UserError (exit 2) with a did-you-mean. */
export function resolveLanguage(name: string, where = ''): Language {
  const found = findLanguage(name);
  if (found) return found;
  const key = name.trim().toLowerCase();
  const close = [...BY_NAME.keys()]
    .map((n) => ({ n, d: distance(key, n) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(x.n.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const hint = close ? ` (did you mean "${BY_NAME.get(close.n)!.id}"?)` : '';
  throw new UserError(`${where}unknown language "${name}"${hint}; known languages: ${languageIds().join(', ')}`);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

const words = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

/** `name` (snake_case or camelCase) in `style`. */
export function styleName(name: string, style: NameStyle): string {
  if (style === 'keep') return name;
  const w = words(name);
  if (w.length === 0) return name;
  if (style === 'snake') return w.join('_');
  const cap = w.map((x) => x[0]!.toUpperCase() + x.slice(1));
  if (style === 'pascal') return cap.join('');
  return w[0] + cap.slice(1).join('');
}

/** The implementation name a language's convention gives a spec function name. */
export function conventionalName(name: string, language: Language | string): string {
  const lang = typeof language === 'string' ? findLanguage(language) : language;
  return lang ? styleName(name, lang.nameStyle) : name;
}

/** Fills `<name>` (file form: snake_case) and `<Name>` (PascalCase) from a spec name. */
export function fillTemplate(text: string, specName: string): string {
  return text
    .replaceAll('<name>', styleName(specName, 'snake') || 'lib')
    .replaceAll('<Name>', styleName(specName, 'pascal') || 'Lib');
}

/** The `ghost.json` a scaffold commits and the plan's scaffold task shows, one shape for both. */
export interface ScaffoldManifest {
  language: string;
  entry?: string;
  names?: Record<string, string>;
  build?: string[];
  command?: string[];
}

export interface ScaffoldInput {
  /** The spec's name (front matter `name`). */
  name: string;
  /** Spec function names (library-shaped specs). */
  functions: string[];
  /** CLI-shaped: a program run per case, no driver. */
  program: boolean;
}

/** ghost.json for a new implementation of `input` in `lang`. */
export function scaffoldManifest(input: ScaffoldInput, lang: Language): ScaffoldManifest {
  if (input.program) {
    const p = lang.program;
    return {
      language: lang.id,
      ...(p.entry ? { entry: fillTemplate(p.entry, input.name) } : {}),
      ...(p.build ? { build: p.build.map((a) => fillTemplate(a, input.name)) } : {}),
      ...(p.command ? { command: p.command.map((a) => fillTemplate(a, input.name)) } : {}),
    };
  }
  const names: Record<string, string> = {};
  for (const fn of input.functions) {
    const conv = conventionalName(fn, lang);
    if (conv !== fn) names[fn] = conv;
  }
  return { language: lang.id, entry: fillTemplate(lang.library.entry, input.name), names };
}

/** Files (besides ghost.json) the scaffold commit writes: path → content. */
export function scaffoldFiles(input: ScaffoldInput, lang: Language): Record<string, string> {
  const files = (input.program ? lang.program.files : lang.library.files) ?? {};
  return Object.fromEntries(
    Object.entries(files).map(([p, c]) => [fillTemplate(p, input.name), fillTemplate(c, input.name)]),
  );
}

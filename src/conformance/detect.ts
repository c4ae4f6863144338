// Which language an implementation directory holds, and its entry point: `ghost.json` first,
// then the per-language conventions of docs/driver-protocol.md.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { didYouMean } from '../util/suggest.js';
import { findLanguage, resolveLanguage } from '../languages/index.js';
import { DETECTORS, type Detected } from './layouts.js';

export interface Manifest {
  language?: string;
  entry?: string;
  names?: Record<string, string>;
  build?: string[];
  command?: string[];
  /** Ruby: how options hashes are keyed (`string` or `symbol`); default: detected per method. */
  keyStyle?: 'string' | 'symbol';
}

export interface Implementation {
  dir: string;
  language: string;
  /** Relative to `dir`; empty when the driver finds it itself (e.g. Java class autodetect). */
  entry: string;
  names: Record<string, string>;
  build?: string[];
  command?: string[];
  keyStyle?: 'string' | 'symbol';
}

const MANIFEST_KEYS = ['language', 'entry', 'names', 'build', 'command', 'keyStyle'];

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

export function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'ghost.json');
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(`${file}: expected a JSON object`);
  const o = raw as Record<string, unknown>;
  // Other keys are left alone (notes, $schema); a near miss of a known one is a typo worth stopping for.
  for (const key of Object.keys(o)) {
    const hint = MANIFEST_KEYS.includes(key) ? '' : didYouMean(key, MANIFEST_KEYS);
    if (hint) throw new UserError(`${file}: unknown key "${key}"${hint}`);
  }
  const m: Manifest = {};
  if (typeof o.language === 'string') m.language = o.language;
  if (typeof o.entry === 'string') m.entry = o.entry;
  if (o.names && typeof o.names === 'object' && !Array.isArray(o.names)) {
    m.names = Object.fromEntries(
      Object.entries(o.names).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }
  if (o.keyStyle !== undefined) {
    if (o.keyStyle !== 'string' && o.keyStyle !== 'symbol')
      throw new UserError(`${file}: "keyStyle" must be "string" or "symbol"`);
    m.keyStyle = o.keyStyle;
  }
  for (const key of ['build', 'command'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v === 'string') m[key] = v.split(/\s+/).filter(Boolean);
    else if (isStringArray(v) && v.length > 0) m[key] = v;
    else throw new UserError(`${file}: "${key}" must be a list of strings`);
  }
  return m;
}

/**
 * The canonical language `wanted` names. A CLI program may be in any language (bash, …): with
 * a `command` in ghost.json an unknown name is kept; otherwise it is a UserError (exit 2).
 */
function canonical(wanted: string, manifest: Manifest, where: string): string {
  if (manifest.command) return findLanguage(wanted)?.id ?? wanted.trim().toLowerCase();
  return resolveLanguage(wanted, where).id;
}

/** Language and entry of the implementation in `dir`; UserError (exit 2) when nothing fits. */
export function detectImplementation(dir: string, language?: string): Implementation {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory())
    throw new UserError(`implementation directory not found: ${dir}`);
  const manifest = readManifest(abs) ?? {};
  const files = readdirSync(abs);
  const lang = language
    ? canonical(language, manifest, '--lang: ')
    : manifest.language
      ? canonical(manifest.language, manifest, `${path.join(dir, 'ghost.json')}: `)
      : undefined;
  let found: Detected | undefined;
  if (lang) {
    const entry =
      manifest.entry ??
      DETECTORS.find((d) => d.languages.includes(lang))?.detect(abs, files)?.entry ??
      (manifest.command ? '' : undefined);
    if (entry !== undefined) found = { language: lang, entry };
  } else {
    for (const d of DETECTORS) {
      found = d.detect(abs, files);
      if (found) break;
    }
    if (found && manifest.entry !== undefined) found.entry = manifest.entry;
    if (!found && manifest.command) found = { language: 'command', entry: '' };
  }
  if (!found) {
    throw new UserError(
      `no implementation found in ${dir}: expected a ghost.json manifest, ${DETECTORS.map((d) => d.hint).join(', ')}` +
        (lang ? ` for language ${lang}` : ''),
    );
  }
  return {
    dir: abs,
    language: found.language,
    entry: found.entry,
    names: manifest.names ?? {},
    ...(manifest.build ? { build: manifest.build } : {}),
    ...(manifest.command ? { command: manifest.command } : {}),
    ...(manifest.keyStyle ? { keyStyle: manifest.keyStyle } : {}),
  };
}

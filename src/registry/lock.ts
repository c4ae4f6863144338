// ghost.lock: read (schema-validated, with positioned errors), write (stable bytes), edit.
// Format: docs/lock-file.md; schema: schemas/lock.schema.json.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../util/errors.js';

export interface BuildRecord {
  language: string;
  /** Spec.hash (spec + case files) the build was made from. */
  specHash: string;
  planHash: string;
  /** Plan task id → task hash; an incremental rebuild reruns only tasks whose hash is new. */
  taskHashes: Record<string, string>;
  provider: string;
  model: string;
  /** Relative to the lock file, posix. */
  vendorDir: string;
  tree: Record<string, string>;
  treeHash: string;
  conformance: { total: number; passed: number; hidden: number };
  /** How the accepting conformance gate isolated the implementation (absent: not recorded). */
  isolation?: 'bubblewrap' | 'none';
  date: string;
}

export interface LockEntry {
  source: string;
  version: string;
  resolved?: string;
  integrity: string;
  /** The spec file, relative to the lock file. */
  spec: string;
  /** Spec and case files (relative to the lock file) → sha256. */
  files: Record<string, string>;
  build?: BuildRecord;
}

export interface Lock {
  lockVersion: 1;
  libraries: Record<string, LockEntry>;
}

export const DEFAULT_LOCK = 'ghost.lock';

export const emptyLock = (): Lock => ({ lockVersion: 1, libraries: {} });

const lockSchema = JSON.parse(
  // src/registry and dist/registry both sit two levels below the package root.
  readFileSync(new URL('../../schemas/lock.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

type Check = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null;
};
let compiled: Check | undefined;

async function validator(): Promise<Check> {
  if (!compiled) {
    const { Ajv } = await import('ajv');
    compiled = new Ajv({ allErrors: true, strict: true }).compile(lockSchema) as Check;
  }
  return compiled;
}

/** Line and column (1-based) of a JSON pointer inside the text, for error messages. */
function positionOf(text: string, pointer: string): string {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const p = counter.linePos(node.range[0]);
      return `${p.line}:${p.col}`;
    }
  }
  return '1:1';
}

/**
 * Whether a lock path is a plain relative path that stays inside the lock's folder: no `..`
 * or `.` segment, not absolute (`/x`, `C:`), no backslash or NUL, no empty segment. ghost
 * deletes and overwrites the files a lock names, so a hostile lock must not name others.
 * The schema (schemas/lock.schema.json, `relPath`) says the same; this is checked again in code.
 */
export function isSafeRelPath(rel: string): boolean {
  if (rel === '' || /[\\\0]/.test(rel) || rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return false;
  return rel.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** `rel` resolved against `base`, or a UserError when it is not a safe lock path. */
export function insideBase(base: string, rel: string, field: string): string {
  const abs = path.resolve(base, rel);
  if (!isSafeRelPath(rel) || !abs.startsWith(path.resolve(base) + path.sep)) {
    throw new UserError(
      `ghost.lock: ${field} path \`${rel}\` leaves the project (paths are relative, without \`..\`); refusing to touch it`,
    );
  }
  return abs;
}

function unsafePaths(lock: Lock): string[] {
  const bad: string[] = [];
  for (const [name, e] of Object.entries(lock.libraries)) {
    const paths = [
      e.spec,
      ...Object.keys(e.files),
      ...(e.build ? [e.build.vendorDir, ...Object.keys(e.build.tree)] : []),
    ];
    for (const p of paths) if (!isSafeRelPath(p)) bad.push(`${name}: \`${p}\``);
  }
  return bad;
}

/** Parses and validates lock text; errors name file:line:col and what is wrong. */
export async function parseLock(text: string, file: string): Promise<Lock> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    let where = '';
    if (m) {
      const offset = Number(m[1]);
      const before = text.slice(0, offset).split('\n');
      where = `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    }
    throw new UserError(`${file}${where}: not valid JSON: ${(e as Error).message}`);
  }
  const check = await validator();
  if (!check(data)) {
    const lines = (check.errors ?? []).slice(0, 5).map((err) => {
      const extra = err.params?.additionalProperty
        ? ` (${String(err.params.additionalProperty)})`
        : err.params?.propertyName !== undefined
          ? ` (${JSON.stringify(err.params.propertyName)})`
          : '';
      return `${file}:${positionOf(text, err.instancePath)}: ${err.instancePath || '/'} ${err.message ?? 'is invalid'}${extra}`;
    });
    throw new UserError(`malformed lock file (schema: schemas/lock.schema.json):\n${lines.join('\n')}`);
  }
  const bad = unsafePaths(data as Lock);
  if (bad.length)
    throw new UserError(
      `${file}: paths that leave the project (relative paths without \`..\` only): ${bad.slice(0, 5).join(', ')}`,
    );
  return data as Lock;
}

export async function readLock(file: string, options: { mustExist?: boolean } = {}): Promise<Lock> {
  if (!existsSync(file)) {
    if (options.mustExist)
      throw new UserError(`${file}: no such lock file (ghost add or ghost build --vendor writes one)`);
    return emptyLock();
  }
  return parseLock(await readFile(file, 'utf8'), file);
}

// Key order is fixed (not insertion order) so the same lock always serialises to the same bytes
// and diffs stay small: known fields in schema order, maps sorted by key.
const ENTRY_ORDER = ['source', 'version', 'resolved', 'integrity', 'spec', 'files', 'build'];
const BUILD_ORDER = [
  'language',
  'specHash',
  'planHash',
  'taskHashes',
  'provider',
  'model',
  'vendorDir',
  'tree',
  'treeHash',
  'conformance',
  'isolation',
  'date',
];

const sorted = <T>(map: Record<string, T>): Record<string, T> =>
  Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((k) => [k, map[k]!]),
  );

function ordered(obj: object, order: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  return Object.fromEntries(order.filter((k) => src[k] !== undefined).map((k) => [k, src[k]]));
}

export function stringifyLock(lock: Lock): string {
  const libraries: Record<string, unknown> = {};
  for (const name of Object.keys(lock.libraries).sort()) {
    const e = lock.libraries[name]!;
    const b = e.build;
    libraries[name] = ordered(
      {
        ...e,
        files: sorted(e.files),
        ...(b
          ? {
              build: ordered(
                {
                  ...b,
                  taskHashes: sorted(b.taskHashes),
                  tree: sorted(b.tree),
                  conformance: {
                    total: b.conformance.total,
                    passed: b.conformance.passed,
                    hidden: b.conformance.hidden,
                  },
                },
                BUILD_ORDER,
              ),
            }
          : {}),
      },
      ENTRY_ORDER,
    );
  }
  return `${JSON.stringify({ lockVersion: 1, libraries }, null, 2)}\n`;
}

export async function writeLock(file: string, lock: Lock): Promise<void> {
  await writeFile(file, stringifyLock(lock));
}

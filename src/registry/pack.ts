// `ghost pack`: a spec, its case files and a manifest, staged as an npm package with no code
// and packed by npm (which pins mtimes, modes and file order, so the tarball is reproducible).
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Spec } from '../spec/types.js';
import { UserError } from '../util/errors.js';
import { hashFiles, sha256, sri512 } from './hash.js';
import { npm, parseNpmJson, type NpmOptions, type PackJson } from './npm.js';
import { loadValidSpec, specFiles } from './spec-files.js';

export const MANIFEST_FILE = 'ghost-manifest.json';

export interface GhostManifest {
  manifestVersion: 1;
  name: string;
  package: string;
  version: string;
  format: 1;
  spec: string;
  files: Record<string, string>;
}

export interface StageOptions {
  /** npm scope, with or without `@`. */
  scope?: string;
}

export interface Staged {
  dir: string;
  packageName: string;
  manifest: GhostManifest;
}

export function packageName(spec: Spec, scope?: string): string {
  const name = spec.meta.name;
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name) || name.length > 200) {
    throw new UserError(`spec name "${name}" is not a valid npm package name (lowercase letters, digits, . _ -)`);
  }
  if (!scope) return name;
  const s = scope.replace(/^@/, '');
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(s)) throw new UserError(`--scope ${scope}: not a valid npm scope`);
  return `@${s}/${name}`;
}

/** Copies the spec's files into `dir` and writes package.json + the manifest there. */
export async function stagePackage(spec: Spec, dir: string, o: StageOptions = {}): Promise<Staged> {
  if (!spec.meta.version)
    throw new UserError(`${spec.file}: a packed spec needs a version (add \`version: 1.0.0\` to the front matter)`);
  const name = packageName(spec, o.scope);
  const from = path.dirname(path.resolve(spec.file));
  const files = specFiles(spec);
  for (const rel of files) {
    const target = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(from, ...rel.split('/')), target);
  }
  const manifest: GhostManifest = {
    manifestVersion: 1,
    name: spec.meta.name,
    package: name,
    version: spec.meta.version,
    format: 1,
    spec: files[0]!,
    files: await hashFiles(dir, files),
  };
  const pkg = {
    name,
    version: spec.meta.version,
    description: spec.meta.summary ?? `${spec.meta.name}: a ghost library (spec + conformance cases, no code)`,
    ...(spec.meta.license ? { license: spec.meta.license } : {}),
    keywords: ['ghost-library', 'spec'],
    files: [...files, MANIFEST_FILE].sort(),
    ghost: { spec: files[0]!, format: 1 },
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, packageName: name, manifest };
}

/** Stages the spec in a temp dir, runs `fn` on it, and always cleans up. */
export async function withStaged<T>(specPath: string, o: StageOptions, fn: (s: Staged) => Promise<T>): Promise<T> {
  const spec = await loadValidSpec(specPath);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ghost-stage-'));
  try {
    return await fn(await stagePackage(spec, dir, o));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface PackResult {
  file: string;
  packageName: string;
  version: string;
  /** sha512 SRI, as npm records it. */
  integrity: string;
  sha256: string;
  manifest: GhostManifest;
}

export async function pack(
  specPath: string,
  o: StageOptions & { outDir?: string; npm?: NpmOptions } = {},
): Promise<PackResult> {
  const outDir = path.resolve(o.outDir ?? '.');
  await mkdir(outDir, { recursive: true });
  return withStaged(specPath, o, async (staged) => {
    const out = await npm(['pack', staged.dir, '--pack-destination', outDir, '--json'], { ...o.npm, cwd: staged.dir });
    const [info] = parseNpmJson<PackJson[]>(out);
    if (!info) throw new UserError('npm pack printed no result');
    const file = path.join(outDir, info.filename);
    const bytes = await readFile(file);
    return {
      file,
      packageName: staged.packageName,
      version: info.version,
      integrity: sri512(bytes),
      sha256: sha256(bytes),
      manifest: staged.manifest,
    };
  });
}

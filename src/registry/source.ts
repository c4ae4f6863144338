// Where `ghost add` gets a spec from: a local path (spec file, folder, or packed .tgz), a git
// URL (`#ref` optional), or an npm package spec (`name@range`). Each is fetched into a temp
// folder; `locatePackage` then finds the spec and its files there.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../util/errors.js';
import { sri512 } from './hash.js';
import { npm, parseNpmJson, type NpmOptions, type PackJson } from './npm.js';

export type SourceKind = 'path' | 'tarball' | 'git' | 'npm';

export interface Fetched {
  kind: SourceKind;
  /** What the lock records as `source`. */
  source: string;
  /** The package root (or the folder holding the spec). */
  dir: string;
  /** When the source named a spec file directly. */
  specFile?: string;
  /** npm / tarball: sha512 SRI of the tarball. */
  integrity?: string;
  version?: string;
  resolved?: string;
  cleanup(): Promise<void>;
}

const GIT = /^(git\+|git:\/\/|ssh:\/\/|git@|file:\/\/)|\.git(#.*)?$/;

export function classifySource(source: string): SourceKind {
  if (/\.t(ar\.)?gz$/.test(source) && existsSync(source)) return 'tarball';
  if (existsSync(source)) return 'path';
  if (GIT.test(source)) return 'git';
  return 'npm';
}

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'ghost-add-'));
const remover = (dir: string) => () => rm(dir, { recursive: true, force: true });

/** A spec package is a few Markdown and YAML files; these caps leave room for 1000x that. */
export const TARBALL_LIMITS = { bytes: 64 * 1024 * 1024, entries: 10_000 };

/**
 * Reads the tarball's headers (declared sizes) before extracting anything, and stops at the
 * first entry past a cap: a 7 MB tarball that would expand to 1.5 GB is refused at once.
 */
async function checkTarball(tgz: string, limits = TARBALL_LIMITS): Promise<void> {
  const { Parser } = await import('tar');
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(tgz);
    const parser = new Parser();
    let bytes = 0;
    let entries = 0;
    const refuse = (why: string) => {
      input.destroy();
      parser.removeAllListeners('entry');
      reject(new UserError(`${tgz}: refusing to extract: ${why}`));
    };
    parser.on('entry', (entry: { size: number; path: string; resume(): void }) => {
      entries++;
      bytes += entry.size;
      if (entries > limits.entries) refuse(`more than ${limits.entries} entries`);
      else if (bytes > limits.bytes)
        refuse(`it expands to more than ${Math.round(limits.bytes / 1024 / 1024)} MB (at ${entry.path})`);
      entry.resume();
    });
    parser.on('end', () => resolve());
    parser.on('error', (e: Error) => reject(new UserError(`${tgz}: not a readable tarball (${e.message})`)));
    input.on('error', (e) => reject(e));
    input.pipe(parser);
  });
}

async function extract(tgz: string, into: string): Promise<void> {
  await checkTarball(tgz);
  const { x } = await import('tar');
  // npm tarballs hold everything under package/; tar drops absolute and `..` paths itself.
  // The filter holds the caps again while writing, whatever the headers said first.
  let bytes = 0;
  let entries = 0;
  await x({
    file: tgz,
    cwd: into,
    strip: 1,
    filter: (_p, entry) => {
      bytes += 'size' in entry ? entry.size : 0;
      return ++entries <= TARBALL_LIMITS.entries && bytes <= TARBALL_LIMITS.bytes;
    },
  });
}

/** Fetches `source` into a temp folder. `base` resolves relative paths for the lock's `source`. */
export async function fetchSource(source: string, o: { base: string; npm?: NpmOptions }): Promise<Fetched> {
  const kind = classifySource(source);
  if (kind === 'path') {
    const abs = path.resolve(source);
    const isFile = statSync(abs).isFile();
    const rel = path.relative(o.base, abs).split(path.sep).join('/') || '.';
    return {
      kind,
      source: `path:${rel}`,
      dir: isFile ? path.dirname(abs) : abs,
      ...(isFile ? { specFile: path.basename(abs) } : {}),
      cleanup: async () => {},
    };
  }
  const tmp = await tempDir();
  try {
    if (kind === 'tarball') {
      const bytes = await readFile(source);
      await extract(path.resolve(source), tmp);
      return {
        kind,
        source: `file:${path.relative(o.base, path.resolve(source)).split(path.sep).join('/')}`,
        dir: tmp,
        integrity: sri512(bytes),
        cleanup: remover(tmp),
      };
    }
    if (kind === 'git') return { ...(await cloneGit(source, tmp)), cleanup: remover(tmp) };
    return { ...(await fetchNpm(source, tmp, o.npm)), cleanup: remover(tmp) };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function cloneGit(source: string, tmp: string): Promise<Omit<Fetched, 'cleanup'>> {
  const [rawUrl, ref] = source.split('#', 2) as [string, string | undefined];
  const url = rawUrl.replace(/^git\+/, '');
  const dir = path.join(tmp, 'repo');
  const args = ['clone', '--quiet', '--depth', '1', ...(ref ? ['--branch', ref] : []), '--', url, dir];
  const r = await execa('git', args, { reject: false, stdin: 'ignore', env: { GIT_TERMINAL_PROMPT: '0' } });
  if (r.failed)
    throw new UserError(
      `git clone ${source} failed:\n  ${String(r.stderr || r.shortMessage || '')
        .trim()
        .split('\n')
        .join('\n  ')}`,
      1,
    );
  const head = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
  return { kind: 'git', source: source.startsWith('git+') ? source : `git+${source}`, dir, resolved: head };
}

async function fetchNpm(spec: string, tmp: string, o: NpmOptions = {}): Promise<Omit<Fetched, 'cleanup'>> {
  // `npm pack name@range` resolves the range and downloads the tarball without installing.
  const out = await npm(['pack', spec, '--pack-destination', tmp, '--json'], { ...o, cwd: tmp });
  const [info] = parseNpmJson<PackJson[]>(out);
  if (!info) throw new UserError(`npm pack ${spec} printed no result`);
  const tgz = path.join(tmp, info.filename);
  const bytes = await readFile(tgz);
  const dir = path.join(tmp, 'package');
  await mkdir(dir);
  await extract(tgz, dir);
  return {
    kind: 'npm',
    source: `npm:${spec}`,
    dir,
    integrity: sri512(bytes),
    version: info.version,
    resolved: info.filename,
  };
}

const NOT_SPECS = /^(readme|changelog|license|licence|contributing|code_of_conduct|security|bugs)\b/i;

/** The spec file inside a fetched folder: manifest, then package.json `ghost.spec`, then the one .md. */
export async function findSpecFile(f: Fetched): Promise<string> {
  if (f.specFile) return f.specFile;
  for (const meta of ['ghost-manifest.json', 'package.json']) {
    const file = path.join(f.dir, meta);
    if (!existsSync(file)) continue;
    const data = JSON.parse(await readFile(file, 'utf8')) as { spec?: unknown; ghost?: { spec?: unknown } };
    const spec = meta === 'package.json' ? data.ghost?.spec : data.spec;
    if (typeof spec === 'string') return spec;
  }
  const md = (await readdir(f.dir)).filter((n) => n.endsWith('.md') && !NOT_SPECS.test(n)).sort();
  if (md.length === 1) return md[0]!;
  if (md.length === 0)
    throw new UserError(
      `${f.source}: no spec found (no ghost-manifest.json, no package.json "ghost" field, no .md file)`,
    );
  throw new UserError(`${f.source}: several Markdown files (${md.join(', ')}); name the spec file itself`);
}

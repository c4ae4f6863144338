// After an ACCEPTED build: copy the implementation into the project (vendor/<name>/ by
// default) and record the build's provenance in ghost.lock. What is copied: the build repo's
// tracked files at HEAD, minus .ghost/ (state, plan, the redacted spec snapshot) and REPORT.md
// (a dated narrative of one build; the lock entry is the durable record).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { BuildReport } from '../build/index.js';
import type { Plan } from '../plan/types.js';
import type { Spec } from '../spec/types.js';
import { UserError } from '../util/errors.js';
import { hashFiles, hashOfHashes, hashTree } from './hash.js';
import { DEFAULT_LOCK, insideBase, readLock, writeLock, type BuildRecord, type Lock, type LockEntry } from './lock.js';
import { specFiles, toPosix } from './spec-files.js';

export const isVendored = (file: string): boolean => !file.startsWith('.ghost/') && file !== 'REPORT.md';

export function defaultVendorDir(name: string): string {
  return `vendor/${name}`;
}

/** The lock entry for a spec, made from its local files when the lock has none yet. */
export async function entryFor(lock: Lock, spec: Spec, base: string): Promise<LockEntry> {
  const specDir = path.dirname(path.resolve(spec.file));
  const rels = specFiles(spec);
  const own = await hashFiles(specDir, rels);
  const rel = (f: string) => toPosix(path.relative(base, path.join(specDir, f)));
  const files = Object.fromEntries(Object.entries(own).map(([k, v]) => [rel(k), v]));
  const existing = lock.libraries[spec.meta.name];
  const source = `path:${toPosix(path.relative(base, specDir)) || '.'}`;
  // An added spec keeps the provenance `ghost add` recorded (verify catches local edits); a
  // spec that is its own source (built in place, never added) follows its files.
  if (existing && existing.source !== source) return existing;
  return {
    source,
    version: spec.meta.version ?? '0.0.0',
    integrity: hashOfHashes(own),
    spec: rel(rels[0]!),
    files,
    ...(existing?.build ? { build: existing.build } : {}),
  };
}

async function trackedFiles(repoDir: string): Promise<string[]> {
  const out = (await execa('git', ['ls-files', '-z'], { cwd: repoDir })).stdout;
  return out.split('\0').filter(Boolean).filter(isVendored).sort();
}

export interface VendorInput {
  report: BuildReport;
  /** The build repo. */
  outDir: string;
  spec: Spec;
  plan: Plan;
  /** Relative to the lock's folder; default vendor/<name>. */
  vendorDir?: string;
  lockFile?: string;
}

export interface VendorResult {
  vendorDir: string;
  entry: LockEntry;
}

/** The build report's `isolation` (reports from before the jail have none). */
function isolationOf(report: BuildReport): BuildRecord['isolation'] {
  const value = (report as BuildReport & { isolation?: unknown }).isolation;
  return value === 'bubblewrap' || value === 'none' ? value : undefined;
}

export async function vendorBuild(v: VendorInput): Promise<VendorResult> {
  if (v.report.status !== 'accepted')
    throw new UserError(`not vendoring ${v.spec.meta.name}: the build was ${v.report.status}`, 1);
  const lockFile = path.resolve(v.lockFile ?? DEFAULT_LOCK);
  const base = path.dirname(lockFile);
  const lock = await readLock(lockFile);
  const entry = await entryFor(lock, v.spec, base);
  const vendorRel = toPosix(path.relative(base, path.resolve(base, v.vendorDir ?? defaultVendorDir(v.spec.meta.name))));
  const vendorAbs = insideBase(base, vendorRel, '--vendor');
  // Only a folder this lock says is ghost's is wiped; anything else must be empty.
  const ours = Object.values(lock.libraries).some((e) => e.build?.vendorDir === vendorRel);
  if (existsSync(vendorAbs) && (await readdir(vendorAbs)).length > 0 && !ours) {
    throw new UserError(`${vendorRel} is not empty and no lock entry vendors into it; choose another --vendor folder`);
  }
  await rm(vendorAbs, { recursive: true, force: true });
  for (const file of await trackedFiles(v.outDir)) {
    const target = path.join(vendorAbs, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(v.outDir, ...file.split('/')), target);
  }
  const { tree, treeHash } = await hashTree(vendorAbs);
  const last = v.report.rounds.at(-1)?.conformance;
  const build: BuildRecord = {
    language: v.report.language,
    specHash: v.spec.hash,
    planHash: v.plan.hash,
    taskHashes: Object.fromEntries(v.plan.tasks.map((t) => [t.id, t.hash])),
    provider: v.report.providers.implementer.name,
    model: v.report.providers.implementer.model,
    vendorDir: vendorRel,
    tree,
    treeHash,
    conformance: { total: last?.total ?? 0, passed: last?.passed ?? 0, hidden: last?.hiddenTotal ?? 0 },
    // How the accepting gate isolated the implementation, when the build report says.
    ...(isolationOf(v.report) ? { isolation: isolationOf(v.report) } : {}),
    date: v.report.finishedAt,
  };
  lock.libraries[v.spec.meta.name] = { ...entry, build };
  await writeLock(lockFile, lock);
  return { vendorDir: vendorAbs, entry: lock.libraries[v.spec.meta.name]! };
}

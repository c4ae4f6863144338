// `ghost build --vendor`: build into vendor/<name>/ and the lock, rebuilding only what changed.
// Unchanged spec + plan + intact vendored tree → no build at all (no model call). Otherwise,
// when the vendored tree is intact, the new build repo starts from the vendored code and runs
// only the plan tasks whose hash the lock has not seen, then the full gate (conformance with
// hidden cases, review) as always.
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { hasBuildState } from '../build/index.js';
import type { BuildOptions, BuildReport } from '../build/index.js';
import { hashTree } from './hash.js';
import { DEFAULT_LOCK, readLock } from './lock.js';
import { toPosix } from './spec-files.js';
import { defaultVendorDir, vendorBuild } from './vendor.js';

export interface VendorOptions {
  /** Relative to the lock's folder; default vendor/<name>. */
  vendorDir?: string;
  lockFile?: string;
  runBuild: (o: BuildOptions) => Promise<BuildReport>;
}

export type VendoredOutcome =
  | { status: 'up-to-date'; vendorDir: string }
  | {
      status: 'built';
      vendorDir: string;
      report: BuildReport;
      mode: 'full' | 'incremental';
      skipped: string[];
      vendored: boolean;
    };

export interface RebuildPlan {
  mode: 'up-to-date' | 'full' | 'incremental';
  /** Tasks whose hash the lock already records (left out of an incremental build). */
  skip: string[];
  vendorAbs: string;
  vendorRel: string;
  note?: string;
}

/** Decides what a --vendor build must do, from the lock and the vendored tree alone. */
export async function planRebuild(
  o: Pick<BuildOptions, 'spec' | 'plan' | 'language'>,
  v: Omit<VendorOptions, 'runBuild'>,
): Promise<RebuildPlan> {
  const lockFile = path.resolve(v.lockFile ?? DEFAULT_LOCK);
  const base = path.dirname(lockFile);
  const lock = await readLock(lockFile);
  const prev = lock.libraries[o.spec.meta.name]?.build;
  const vendorRel = toPosix(
    path.relative(base, path.resolve(base, v.vendorDir ?? prev?.vendorDir ?? defaultVendorDir(o.spec.meta.name))),
  );
  const vendorAbs = path.resolve(base, vendorRel);
  const full = (note?: string): RebuildPlan => ({
    mode: 'full',
    skip: [],
    vendorAbs,
    vendorRel,
    ...(note ? { note } : {}),
  });
  if (!prev) return full();
  if (prev.language !== o.language)
    return full(`the vendored build is ${prev.language}; building ${o.language} from scratch`);
  if (prev.vendorDir !== vendorRel || !existsSync(vendorAbs))
    return full(`no vendored build in ${vendorRel}; building from scratch`);
  const { treeHash } = await hashTree(vendorAbs);
  if (treeHash !== prev.treeHash) return full(`${vendorRel} differs from the lock; building from scratch`);
  if (prev.specHash === o.spec.hash && prev.planHash === o.plan.hash)
    return { mode: 'up-to-date', skip: [], vendorAbs, vendorRel };
  // By hash, not id: task ids are numbered, so inserting a task renumbers the ones after it.
  const seen = new Set(Object.values(prev.taskHashes));
  const skip = o.plan.tasks.filter((t) => seen.has(t.hash)).map((t) => t.id);
  return { mode: 'incremental', skip, vendorAbs, vendorRel };
}

export async function buildVendored(o: BuildOptions, v: VendorOptions): Promise<VendoredOutcome> {
  const p = await planRebuild(o, v);
  if (p.mode === 'up-to-date') return { status: 'up-to-date', vendorDir: p.vendorAbs };
  if (p.note) o.onEvent?.({ type: 'note', message: p.note });
  const options: BuildOptions = { ...o };
  if (p.mode === 'incremental') {
    o.onEvent?.({
      type: 'note',
      message: `incremental: ${o.plan.tasks.length - p.skip.length} of ${o.plan.tasks.length} tasks changed`,
    });
    options.skipTasks = [...(o.skipTasks ?? []), ...p.skip];
    const from = p.vendorAbs;
    options.seed = async (dir) => cp(from, dir, { recursive: true, force: true });
  }
  // A rebuild starts a fresh repo; the previous build repo there is ghost's own to replace.
  if (!o.resume && !o.force && (await hasBuildState(o.outDir))) options.force = true;
  const report = await v.runBuild(options);
  if (report.status !== 'accepted')
    return { status: 'built', vendorDir: p.vendorAbs, report, mode: p.mode, skipped: p.skip, vendored: false };
  await vendorBuild({
    report,
    outDir: o.outDir,
    spec: o.spec,
    plan: o.plan,
    vendorDir: p.vendorRel,
    ...(v.lockFile ? { lockFile: v.lockFile } : {}),
  });
  return { status: 'built', vendorDir: p.vendorAbs, report, mode: p.mode, skipped: p.skip, vendored: true };
}

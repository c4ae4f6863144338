// `ghost verify`: for every library in the lock, prove (1) the spec files are the ones
// recorded, (2) the vendored tree is the one the accepted build produced, and (3) the vendored
// code still passes the whole conformance suite, hidden cases included. For CI.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceReport, RunOptions } from '../conformance/types.js';
import { loadSpec } from '../spec/index.js';
import type { Spec } from '../spec/types.js';
import {
  compareTrees,
  describeChange,
  describeDrift,
  hashTree,
  hasDrift,
  isBuildLeftover,
  sha256File,
  type TreeDrift,
} from './hash.js';
import { toPosix } from './spec-files.js';
import { DEFAULT_LOCK, insideBase, readLock, type LockEntry } from './lock.js';

export type CheckName = 'spec-files' | 'vendored-tree' | 'conformance';

export interface CheckResult {
  name: CheckName;
  ok: boolean;
  detail: string;
  drift?: TreeDrift;
}

export interface LibraryVerdict {
  name: string;
  version: string;
  ok: boolean;
  /** One line: why it failed, or what passed. */
  reason: string;
  checks: CheckResult[];
  conformance?: ConformanceReport;
}

export interface VerifyResult {
  ok: boolean;
  lockFile: string;
  libraries: LibraryVerdict[];
}

export type RunConformanceFn = (spec: Spec, options: RunOptions) => Promise<ConformanceReport>;

export interface VerifyOptions {
  lockFile?: string;
  runConformance?: RunConformanceFn;
  conformance?: { timeoutMs?: number; jobs?: number };
}

async function checkSpecFiles(entry: LockEntry, base: string): Promise<CheckResult> {
  const actual: Record<string, string> = {};
  for (const f of Object.keys(entry.files)) {
    const abs = insideBase(base, f, 'files');
    if (existsSync(abs)) actual[f] = await sha256File(abs);
  }
  const drift = compareTrees(entry.files, actual);
  return hasDrift(drift)
    ? { name: 'spec-files', ok: false, detail: `spec files differ from the lock (${describeDrift(drift)})`, drift }
    : { name: 'spec-files', ok: true, detail: `${Object.keys(entry.files).length} spec file(s) match` };
}

async function checkTree(entry: LockEntry, base: string): Promise<CheckResult> {
  const b = entry.build!;
  const abs = insideBase(base, b.vendorDir, 'build.vendorDir');
  if (!existsSync(abs)) return { name: 'vendored-tree', ok: false, detail: `${b.vendorDir} is missing` };
  const { tree, treeHash } = await hashTree(abs);
  const drift = compareTrees(b.tree, tree);
  if (hasDrift(drift) || treeHash !== b.treeHash) {
    // Name each changed file and how: content, the executable bit, or a symlink swap.
    const why = drift.changed.map((f) => `${f}: ${describeChange(b.tree[f] ?? '', tree[f] ?? '')}`);
    const parts = [
      ...(why.length ? [`changed: ${why.join(', ')}`] : []),
      describeDrift({ ...drift, changed: [] }),
    ].filter(Boolean);
    return {
      name: 'vendored-tree',
      ok: false,
      detail: `${b.vendorDir} was edited since the build (${parts.join('; ')})`,
      drift,
    };
  }
  return { name: 'vendored-tree', ok: true, detail: `${Object.keys(tree).length} vendored file(s) match` };
}

async function checkConformance(
  spec: Spec,
  entry: LockEntry,
  base: string,
  o: VerifyOptions,
): Promise<{ check: CheckResult; report?: ConformanceReport }> {
  const b = entry.build!;
  const run = o.runConformance ?? (await import('../conformance/index.js')).runConformance;
  // Run a copy: drivers leave byte code and caches behind, and verify must not touch the tree it verifies.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ghost-verify-'));
  try {
    // Only what the lock hashed, and no build leftovers: byte code, compile caches and
    // installed modules would run in place of the source (a forged unchecked-hash .pyc does).
    await cp(insideBase(base, b.vendorDir, 'build.vendorDir'), tmp, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (from) => !isBuildLeftover(toPosix(path.relative(path.resolve(base, b.vendorDir), from))),
    });
    const report = await run(spec, {
      implDir: tmp,
      language: b.language,
      ...o.conformance,
      filter: { hidden: 'include' },
    });
    const ok = report.total > 0 && report.passed === report.total;
    const failing = report.results.filter((r) => r.status === 'failed' || r.status === 'errored').map((r) => r.id);
    const detail = ok
      ? `${report.passed}/${report.total} cases pass`
      : report.total === 0
        ? 'no conformance case ran'
        : `${report.total - report.passed} of ${report.total} cases fail (${failing.slice(0, 5).join(', ')}${failing.length > 5 ? ', …' : ''})`;
    return { check: { name: 'conformance', ok, detail }, report };
  } catch (e) {
    return {
      check: {
        name: 'conformance',
        ok: false,
        detail: `conformance could not run: ${(e as Error).message.split('\n')[0]}`,
      },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function verifyLibrary(
  name: string,
  entry: LockEntry,
  base: string,
  o: VerifyOptions,
): Promise<LibraryVerdict> {
  const checks: CheckResult[] = [await checkSpecFiles(entry, base)];
  let conformance: ConformanceReport | undefined;
  const specPath = insideBase(base, entry.spec, 'spec');
  const loaded = existsSync(specPath) ? await loadSpec(specPath) : undefined;
  const errors = loaded?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  if (entry.build) {
    checks.push(await checkTree(entry, base));
    if (!loaded || errors.length) {
      checks.push({
        name: 'conformance',
        ok: false,
        detail: loaded ? `${entry.spec} has ${errors.length} error(s)` : `${entry.spec} is missing`,
      });
    } else if (loaded.spec.hash !== entry.build.specHash && checks[0]!.ok) {
      checks.push({
        name: 'conformance',
        ok: false,
        detail: `the vendored build is stale: the spec changed since it was built (run ghost build ${entry.spec} --lang ${entry.build.language} --vendor)`,
      });
    } else {
      const r = await checkConformance(loaded.spec, entry, base, o);
      checks.push(r.check);
      conformance = r.report;
    }
  }
  const failed = checks.filter((c) => !c.ok);
  const reason = failed.length
    ? failed.map((c) => c.detail).join('; ')
    : entry.build
      ? `ok: ${checks.map((c) => c.detail).join(', ')}`
      : `ok: ${checks[0]!.detail} (not vendored: no build recorded)`;
  return {
    name,
    version: entry.version,
    ok: failed.length === 0,
    reason,
    checks,
    ...(conformance ? { conformance } : {}),
  };
}

export async function verify(o: VerifyOptions = {}): Promise<VerifyResult> {
  const lockFile = path.resolve(o.lockFile ?? DEFAULT_LOCK);
  const base = path.dirname(lockFile);
  const lock = await readLock(lockFile, { mustExist: true });
  const libraries: LibraryVerdict[] = [];
  for (const name of Object.keys(lock.libraries).sort())
    libraries.push(await verifyLibrary(name, lock.libraries[name]!, base, o));
  return { ok: libraries.every((l) => l.ok), lockFile, libraries };
}

// The glue `ghost build --vendor` uses: a drop-in for runBuild that returns no report when
// the vendored build is already up to date (no build ran, no model was called).
import path from 'node:path';
import type { BuildOptions, BuildReport } from '../build/index.js';
import { buildVendored } from './incremental.js';

export interface VendoredRunnerOptions {
  /** --vendor DIR (from the cwd); `true` (bare --vendor) or undefined: the lock's, else vendor/<name>. */
  dir?: string | boolean;
  lockFile?: string;
  runBuild: (o: BuildOptions) => Promise<BuildReport>;
  /** Results (stdout). */
  out: (line: string) => void;
  /** Notes (stderr). */
  note: (line: string) => void;
}

export function vendoredRunner(v: VendoredRunnerOptions): (o: BuildOptions) => Promise<BuildReport | undefined> {
  return async (o) => {
    const r = await buildVendored(o, {
      runBuild: v.runBuild,
      ...(typeof v.dir === 'string' ? { vendorDir: path.resolve(v.dir) } : {}),
      ...(v.lockFile ? { lockFile: v.lockFile } : {}),
    });
    if (r.status === 'up-to-date') {
      v.out(`${o.spec.meta.name}: up to date (${r.vendorDir}); nothing to build\n`);
      return undefined;
    }
    if (r.mode === 'incremental') v.note(`incremental rebuild: ${r.skipped.length} unchanged task(s) skipped\n`);
    if (r.vendored) v.note(`vendored ${o.spec.meta.name} → ${r.vendorDir}; lock updated\n`);
    return r.report;
  };
}

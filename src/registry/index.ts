// The registry layer: specs as packages (pack, publish, add), the provenance lock, vendoring
// accepted builds, verifying them in CI, incremental rebuilds, and spec diffs.
export { pack, stagePackage, packageName, MANIFEST_FILE, type GhostManifest, type PackResult } from './pack.js';
export { publish, type PublishOptions, type PublishResult } from './publish.js';
export { add, type AddOptions, type AddResult } from './add.js';
export { classifySource, fetchSource, type SourceKind } from './source.js';
export {
  DEFAULT_LOCK,
  readLock,
  parseLock,
  writeLock,
  stringifyLock,
  emptyLock,
  type Lock,
  type LockEntry,
  type BuildRecord,
} from './lock.js';
export { vendorBuild, defaultVendorDir, type VendorInput, type VendorResult } from './vendor.js';
export { vendoredRunner, type VendoredRunnerOptions } from './runner.js';
export {
  buildVendored,
  planRebuild,
  type VendorOptions,
  type VendoredOutcome,
  type RebuildPlan,
} from './incremental.js';
export { verify, verifyLibrary, type VerifyOptions, type VerifyResult, type LibraryVerdict } from './verify.js';
export { renderVerify, type VerifyReporter } from './verify-report.js';
export { diffSpecs, renderDiffText, isEmptyDiff, type SpecDiff, type Changes } from './diff.js';
export { hashTree, compareTrees, describeDrift, type TreeDrift } from './hash.js';
export type { NpmOptions } from './npm.js';

// `ghost publish`: `npm publish` of the same staged package `ghost pack` makes.
import { npm, parseNpmJson, type NpmOptions } from './npm.js';
import { withStaged, type StageOptions } from './pack.js';

export interface PublishOptions extends StageOptions {
  dryRun?: boolean;
  tag?: string;
  npm?: NpmOptions;
}

export interface PublishResult {
  packageName: string;
  version: string;
  integrity?: string;
  dryRun: boolean;
}

export async function publish(specPath: string, o: PublishOptions = {}): Promise<PublishResult> {
  return withStaged(specPath, o, async (staged) => {
    const args = ['publish', staged.dir, '--json'];
    if (o.dryRun) args.push('--dry-run');
    if (o.tag) args.push('--tag', o.tag);
    // Scoped packages default to restricted on npm; a spec is meant to be read by anyone.
    if (staged.packageName.startsWith('@')) args.push('--access', 'public');
    const out = await npm(args, { ...o.npm, cwd: staged.dir });
    let integrity: string | undefined;
    try {
      const info = parseNpmJson<{ integrity?: string; [k: string]: unknown }>(out);
      integrity = info.integrity ?? (info[staged.packageName] as { integrity?: string } | undefined)?.integrity;
    } catch {
      // Older npm prints text; the publish itself succeeded.
    }
    return {
      packageName: staged.packageName,
      version: staged.manifest.version,
      ...(integrity ? { integrity } : {}),
      dryRun: Boolean(o.dryRun),
    };
  });
}

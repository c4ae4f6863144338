// `ghost publish SPEC`: `npm publish` of the package `ghost pack` makes.
import type { Command } from 'commander';

interface PublishFlags {
  dryRun?: boolean;
  registry?: string;
  tag?: string;
  scope?: string;
}

const EXAMPLES = `
Examples:
  ghost publish specs/roman.md --dry-run
  ghost publish specs/roman.md --registry http://127.0.0.1:4873 --tag next

Authentication is npm's: ~/.npmrc or NPM_CONFIG_USERCONFIG (npm login, an _authToken).`;

export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('publish a spec to an npm registry (a package with no code)')
    .argument('<spec>', 'the spec (Markdown)')
    .option('--dry-run', 'do everything but upload')
    .option('--registry <url>', 'npm registry URL (default: npm config)')
    .option('--tag <tag>', 'dist-tag (default latest)')
    .option('--scope <scope>', 'npm scope for the package name (@acme)')
    .addHelpText('after', EXAMPLES)
    .action(async (spec: string, flags: PublishFlags) => {
      const { publish } = await import('../../registry/index.js');
      const r = await publish(spec, {
        dryRun: Boolean(flags.dryRun),
        ...(flags.tag ? { tag: flags.tag } : {}),
        ...(flags.scope ? { scope: flags.scope } : {}),
        ...(flags.registry ? { npm: { registry: flags.registry } } : {}),
      });
      process.stdout.write(
        `${r.dryRun ? 'would publish' : 'published'} ${r.packageName}@${r.version}${flags.registry ? ` to ${flags.registry}` : ''}${flags.tag ? ` (tag ${flags.tag})` : ''}\n`,
      );
    });
}

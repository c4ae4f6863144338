// `ghost pack SPEC`: a reproducible tarball of the spec, its case files and a manifest.
import type { Command } from 'commander';

interface PackFlags {
  out?: string;
  scope?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  ghost pack specs/roman.md                   ./roman-1.0.0.tgz
  ghost pack specs/roman.md --out dist --scope @acme

The tarball is an npm package with no code: package.json (a "ghost" field names the spec),
ghost-manifest.json (name, version, format, sha256 of every file), the spec and every case
file it imports. Same input, same bytes.`;

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('pack a spec and its case files into a reproducible tarball')
    .argument('<spec>', 'the spec (Markdown)')
    .option('--out <dir>', 'where to write the tarball (default: the current folder)')
    .option('--scope <scope>', 'npm scope for the package name (@acme)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (spec: string, flags: PackFlags) => {
      const { pack } = await import('../../registry/index.js');
      const r = await pack(spec, {
        ...(flags.out ? { outDir: flags.out } : {}),
        ...(flags.scope ? { scope: flags.scope } : {}),
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else
        process.stdout.write(
          `${r.file}\n  ${r.packageName}@${r.version}, ${Object.keys(r.manifest.files).length} spec file(s)\n  integrity ${r.integrity}\n  sha256 ${r.sha256}\n`,
        );
    });
}

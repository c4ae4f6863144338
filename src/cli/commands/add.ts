// `ghost add SOURCE`: bring a spec into specs/<name>/ and record its provenance in ghost.lock.
import type { Command } from 'commander';

interface AddFlags {
  dir: string;
  lock?: string;
  registry?: string;
  force?: boolean;
}

const EXAMPLES = `
Examples:
  ghost add ../specs/roman.md                      a local spec file (or its folder)
  ghost add roman-1.0.0.tgz                        a packed spec (ghost pack)
  ghost add git+https://example.com/specs.git#v1   a git repository at a tag or branch
  ghost add roman@^1.0.0 --registry URL            a published spec (ghost publish)

Copies the spec and its case files to specs/<name>/ and records source, version, integrity
and per-file sha256 in ghost.lock (docs/lock-file.md). A different spec of the same name is
only replaced with --force.`;

export function registerAdd(program: Command): void {
  program
    .command('add')
    .description('add a spec from a path, a .tgz, a git URL or an npm registry, recorded in ghost.lock')
    .argument('<source>', 'path, .tgz, git URL[#ref], or npm name@range')
    .option('--dir <dir>', 'folder for specs', 'specs')
    .option('--lock <file>', 'lock file (default ghost.lock)')
    .option('--registry <url>', 'npm registry URL (default: npm config)')
    .option('--force', 'replace a different spec of the same name')
    .addHelpText('after', EXAMPLES)
    .action(async (source: string, flags: AddFlags) => {
      const { add } = await import('../../registry/index.js');
      const r = await add(source, {
        dir: flags.dir,
        force: Boolean(flags.force),
        ...(flags.lock ? { lockFile: flags.lock } : {}),
        ...(flags.registry ? { npm: { registry: flags.registry } } : {}),
      });
      const verb = { added: 'added', replaced: 'replaced', unchanged: 'already up to date:' }[r.status];
      process.stdout.write(`${verb} ${r.name} ${r.version} → ${r.entry.spec} (${r.entry.source})\n`);
    });
}

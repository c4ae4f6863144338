// `ghost verify`: CI's check that vendored libraries match ghost.lock and still conform.
import { Option, type Command } from 'commander';
import { setExitCode } from '../exit.js';

interface VerifyFlags {
  reporter: 'pretty' | 'json' | 'junit';
  lock?: string;
  timeout?: string;
  jobs?: string;
}

const EXAMPLES = `
Examples:
  ghost verify                                 every library in ./ghost.lock
  ghost verify --reporter junit > verify.xml   for CI test reports

Per library: the spec files match their recorded sha256; the vendored tree matches the
accepted build's hashes (changed, added and removed files are named); the whole conformance
suite, hidden cases included, passes against the vendored code. Exit 1 if any fails.`;

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check vendored libraries against ghost.lock and re-run their conformance suites')
    .addOption(new Option('--reporter <name>', 'output format').choices(['pretty', 'json', 'junit']).default('pretty'))
    .option('--lock <file>', 'lock file (default ghost.lock)')
    .option('--timeout <ms>', 'per-case conformance timeout')
    .option('--jobs <n>', 'parallel conformance drivers')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: VerifyFlags) => {
      const [{ verify, renderVerify }, { colorsFor }] = await Promise.all([
        import('../../registry/index.js'),
        import('../../util/color.js'),
      ]);
      const pc = colorsFor(process.stdout);
      const result = await verify({
        ...(flags.lock ? { lockFile: flags.lock } : {}),
        conformance: {
          ...(flags.timeout ? { timeoutMs: Number(flags.timeout) } : {}),
          ...(flags.jobs ? { jobs: Number(flags.jobs) } : {}),
        },
      });
      const color = (ok: boolean, s: string) => (ok ? pc.green(s) : pc.red(s));
      process.stdout.write(renderVerify(result, flags.reporter, color));
      if (!result.ok) setExitCode(1);
    });
}

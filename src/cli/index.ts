// The `ghost` command line: a thin shell. Each command lives in commands/<name>.ts and
// imports its heavy modules lazily inside the action, so `ghost --help` stays fast.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { isUserError } from '../util/errors.js';
import { commands } from './commands/index.js';
import { takeExitCode } from './exit.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export const EXIT_CODES_HELP = `
Exit codes:
  0  success (no errors; every selected case passed; build accepted)
  1  findings or failure (spec errors, failing cases, build rejected)
  2  usage or input error (bad flags, missing/unreadable file)`;

const START_HERE = `

Start here:
  ghost check specs/slugify.md                 validate a spec (positions, rule ids)
  ghost plan specs/slugify.md --lang python    the task plan an implementer follows
  ghost test specs/slugify.md --impl DIR       run the conformance suite on any implementation
  ghost build specs/slugify.md --lang python   implement + review + gate (see ghost build --help)
Docs: docs/spec-format.md, docs/driver-protocol.md, docs/agents.md, docs/lock-file.md
`;

export function buildProgram(): Command {
  const program = new Command('ghost')
    .description(
      'Compile ghost libraries: Markdown specs with conformance suites, implemented by agents in any language and accepted only when the conformance suite passes.',
    )
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP + START_HERE)
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI; returns the process exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  takeExitCode();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return takeExitCode();
  } catch (e) {
    if (e instanceof CommanderError) {
      // help/version display are not errors
      if (e.exitCode === 0) return 0;
      return 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`ghost: ${e.message}\n`);
      return e.exitCode;
    }
    const debug = argv.includes('--debug');
    const err = e as Error;
    process.stderr.write(
      debug
        ? `${err.stack ?? String(err)}\n`
        : `ghost: internal error: ${err?.message ?? String(e)}\n(re-run with --debug for a stack trace; please report it)\n`,
    );
    return 1;
  }
}

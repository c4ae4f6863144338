// run_command: an argv (no shell) inside the repo, credentials scrubbed from the env,
// timeout kills the process group, output capped.
import { stat } from 'node:fs/promises';
import type { Tool } from '../agents/types.js';
import { scrubbedEnv } from '../../util/env.js';
import { errorText, fail, ok, type ToolContext } from './context.js';
import { resolveInJail } from './jail.js';
import { runProcess } from '../../process/index.js';

export function runCommandTool(ctx: ToolContext): Tool {
  const defTimeout = ctx.commandTimeoutMs ?? 120_000;
  const maxTimeout = ctx.maxCommandTimeoutMs ?? 600_000;
  return {
    name: 'run_command',
    description:
      'Run a program (argv array, no shell) in the repository, e.g. ["npm","test"] or ["python3","-m","pytest","-q"]. ' +
      'Credentials are not in its environment. Output is truncated. Use ["sh","-c","..."] only when you need a pipeline.',
    parameters: {
      type: 'object',
      properties: {
        argv: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Program and arguments' },
        cwd: { type: 'string', description: 'Working directory relative to the repository root; default "."' },
        timeout_ms: { type: 'integer', minimum: 1, description: `Default ${defTimeout}, at most ${maxTimeout}` },
      },
      required: ['argv'],
      additionalProperties: false,
    },
    async run(args) {
      try {
        const argv = args.argv;
        if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a): a is string => typeof a === 'string')) {
          return fail('argv must be a non-empty array of strings');
        }
        const { abs, rel } = resolveInJail(ctx.root, args.cwd ?? '.');
        const s = await stat(abs).catch(() => undefined);
        if (!s?.isDirectory()) return fail(`cwd is not a directory: ${rel}`);
        const asked = typeof args.timeout_ms === 'number' ? args.timeout_ms : defTimeout;
        const timeoutMs = Math.min(Math.max(1, asked), maxTimeout);
        const r = await runProcess({
          argv,
          cwd: abs,
          env: scrubbedEnv(process.env, ctx.envAllow ?? []),
          timeoutMs,
          maxOutputBytes: ctx.maxOutputBytes ?? 16 * 1024,
          killGraceMs: 2000,
        });
        if (r.spawnError) return fail(`could not start ${argv[0]}: ${r.spawnError}`);
        const status = r.timedOut
          ? `timed out after ${timeoutMs} ms (process group killed)`
          : r.signal
            ? `killed by ${r.signal}`
            : `exit code ${r.exitCode}`;
        const body = r.output.trim() === '' ? '(no output)' : r.output;
        const text = `$ ${argv.join(' ')}\n[${status}, ${r.durationMs} ms]\n${body}`;
        return r.exitCode === 0 ? ok(text) : fail(text);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

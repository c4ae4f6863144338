// run_command: an argv (no shell) in the repo, inside the agent jail (agent-jail.ts) with an
// allow-listed environment; its deadline is the smaller of its timeout and the session's wall
// clock, and at the deadline its whole process tree dies (the jail's PID namespace), so a
// setsid() child holding stdout open cannot keep the session waiting.
import { stat } from 'node:fs/promises';
import type { Tool } from '../agents/types.js';
import { runProcess } from '../../process/index.js';
import { agentJail } from './agent-jail.js';
import { errorText, fail, ok, type ToolContext } from './context.js';
import { resolveInJail } from './jail.js';

export function runCommandTool(ctx: ToolContext): Tool {
  const defTimeout = ctx.commandTimeoutMs ?? 120_000;
  const maxTimeout = ctx.maxCommandTimeoutMs ?? 600_000;
  return {
    name: 'run_command',
    description:
      'Run a program (argv array, no shell) in the repository, e.g. ["npm","test"] or ["python3","-m","pytest","-q"]. ' +
      'It runs in a sandbox: this repository (.git and .ghost read-only), the language runtime, a private /tmp, no network, ' +
      'a minimal environment. Output is truncated. Use ["sh","-c","..."] only when you need a pipeline.',
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
    async run(args, call) {
      try {
        const argv = args.argv;
        if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a): a is string => typeof a === 'string')) {
          return fail('argv must be a non-empty array of strings');
        }
        const { abs, rel } = resolveInJail(ctx.root, args.cwd ?? '.');
        const s = await stat(abs).catch(() => undefined);
        if (!s?.isDirectory()) return fail(`cwd is not a directory: ${rel}`);
        const asked = typeof args.timeout_ms === 'number' ? args.timeout_ms : defTimeout;
        const left = call ? call.deadline - Date.now() : Infinity;
        if (left <= 0) return fail('the session has no time left to run a command');
        const timeoutMs = Math.max(1, Math.min(asked, maxTimeout, left));
        const { jail, degraded } = agentJail(ctx.root, {
          ...(ctx.language ? { language: ctx.language } : {}),
          ...(ctx.isolation ? { mode: ctx.isolation } : {}),
        });
        const r = await runProcess({
          argv,
          cwd: abs,
          envAllow: ctx.envAllow ?? [],
          ...(jail ? { jail } : {}),
          timeoutMs,
          maxOutputBytes: ctx.maxOutputBytes ?? 16 * 1024,
          killGraceMs: 2000,
          ...(call ? { signal: call.signal } : {}),
        });
        if (r.spawnError) return fail(`could not start ${argv[0]}: ${r.spawnError}`);
        if (jail && r.exitCode === 1 && /^bwrap: execvp .*: No such file or directory/m.test(r.stderr)) {
          return fail(`could not start ${argv[0]}: not found`);
        }
        const status = r.timedOut
          ? `timed out after ${timeoutMs} ms (process tree killed)`
          : r.aborted
            ? 'stopped: the session ran out of time'
            : r.signal
              ? `killed by ${r.signal}`
              : `exit code ${r.exitCode}`;
        const body = r.output.trim() === '' ? '(no output)' : r.output;
        const where = jail ? '' : `, unjailed${degraded ? `: ${degraded}` : ''}`;
        const text = `$ ${argv.join(' ')}\n[${status}, ${r.durationMs} ms${where}]\n${body}`;
        return r.exitCode === 0 ? ok(text) : fail(text);
      } catch (e) {
        return fail(errorText(e));
      }
    },
  };
}

#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` via the prepare script):
// the bundle (dist/bundle/, scripts/bundle.mjs) starts fastest; tsc's dist/cli/ is the fallback.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// `ghost --version` alone answers before loading the CLI (the same output commander gives).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}

// Commands that parse a spec and exit live a few hundred ms: with V8's default tier-up budget
// (67,584) micromark's state machines go to the optimizing compiler, whose work and
// deoptimizations cost more than they save before the process ends (`ghost plan` on the
// 97 KB prose fixture: ~35% more CPU). A budget ~15x larger keeps that code in the baseline
// tiers unless it is really hot, so a 2 MB spec still gets optimized code. Not for the
// long-running commands (`ghost test` on 20,000 cases ran ~10% slower with it). bench/startup.ts.
if (['plan', 'check', 'diff'].includes(argv[0] ?? '')) setFlagsFromString('--interrupt-budget=1000000');

const bundle = new URL('../dist/bundle/ghost.js', import.meta.url);
const entry = existsSync(fileURLToPath(bundle)) ? bundle : new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ghost: dist/ is missing; run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
// `ghost ... | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(argv);

#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` via the prepare script):
// the bundle (dist/bundle/, scripts/bundle.mjs) starts fastest; tsc's dist/cli/ is the fallback.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `ghost --version` alone answers before loading the CLI (the same output commander gives).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}

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

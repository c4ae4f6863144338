#!/usr/bin/env node
// `npm run build` step 2 (after tsc): bundle the CLI and its dependencies into a few files under
// dist/bundle/, so `ghost` starts by reading a handful of files instead of resolving and
// compiling hundreds of small modules (remark alone is ~150). Dynamic imports stay chunks
// (code splitting), so `ghost --version` loads only the entry chunk and each command loads
// only what its action imports. The chunks sit two levels below the package root, like
// dist/<stage>/*.js, so `new URL('../../schemas/', import.meta.url)` resolves the same.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { ghost: 'src/cli/index.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies (commander, ajv, yaml) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __ghostRequire } from 'node:module'; const require = __ghostRequire(import.meta.url);",
  },
  // Loaded from node_modules at run time, on purpose: ajv only for full JSON Schemas (compiling
  // its code generator into every start would cost more than it saves); tsx is the driver's.
  external: ['ajv', 'tsx', 'verdaccio'],
  legalComments: 'none',
  // Less for V8 to read and pre-parse at every start (~4% of `ghost plan`'s time). Names stay
  // (no minifyIdentifiers), so stack traces and profiles still read.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

#!/usr/bin/env node
// `npm run bench`: runs every benchmark (TypeScript sources, through tsx). Extra arguments
// are passed on, e.g. `npm run bench -- --cases 2000 --isolate-sample 50`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['startup.ts', 'conformance.ts', 'spec-parse.ts', 'fuzz.ts'];
for (const bench of benches) {
  const file = fileURLToPath(new URL(bench, import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

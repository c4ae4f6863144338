// Builds dist/ (and its bundle) once per test run when older than src/, so tests that spawn the real
// `ghost` binary exercise exactly what users run (on CI, `npm ci` has just built it).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeJail } from '../src/process/index.js';

function newest(dir: string, ext: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(ext)) continue;
    max = Math.max(max, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return max;
}

export default function setup(): void {
  // Without a jail here (no bubblewrap, no user namespaces) no build is ACCEPTED unless the
  // user allows it; the suite allows it so that its build tests still test builds. The rule
  // itself is tested in test/adversarial/build-gate.test.ts.
  if (!probeJail().ok) process.env.GHOST_ALLOW_UNJAILED = '1';
  const root = fileURLToPath(new URL('..', import.meta.url));
  let built = 0;
  try {
    built = newest(path.join(root, 'dist'), '.js');
  } catch {
    /* no dist yet */
  }
  let bundled = 0;
  try {
    bundled = statSync(path.join(root, 'dist', 'bundle', 'ghost.js')).mtimeMs;
  } catch {
    /* no bundle yet */
  }
  const source = newest(path.join(root, 'src'), '.ts');
  if (built > 0 && built >= source && bundled >= source) return;
  // the same two steps as `npm run build`: tsc's dist/, then the bundle bin/ghost.js loads
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
}

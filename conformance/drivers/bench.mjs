#!/usr/bin/env node
// Driver start-up and per-call latency, one request in flight (as the runner does):
//   node conformance/drivers/bench.mjs [calls=10000] [language...]
// Uses the mini fixtures; start-up is measured warm (build caches already filled).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const drivers = path.join(root, 'conformance/drivers');
const mini = path.join(root, 'fixtures/impls/mini');
const calls = Number(process.argv[2] ?? 10_000);
const wanted = process.argv.slice(3);
const targets = [
  ['javascript', 'javascript-esm', [process.execPath, path.join(drivers, 'javascript/driver.mjs')]],
  ['typescript', 'typescript', [process.execPath, path.join(drivers, 'javascript/driver.mjs')]],
  ['python', 'python', ['python3', path.join(drivers, 'python/driver.py')]],
  ['java', 'java', ['sh', path.join(drivers, 'java/driver.sh')]],
  ['go', 'go', [process.execPath, path.join(drivers, 'go/driver.mjs')]],
  ['ruby', 'ruby', ['ruby', path.join(drivers, 'ruby/driver.rb')]],
].filter(([lang]) => wanted.length === 0 || wanted.includes(lang));

function run(dir, [cmd, ...args]) {
  const child = spawn(cmd, args, {
    cwd: dir,
    env: { ...process.env, GHOST_IMPL_DIR: dir, GHOST_ENTRY: '', GHOST_FUNCTIONS: '["echo","add_numbers"]', GHOST_NAME_MAP: '{}' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buf = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c) => {
    buf += c;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      waiters.shift()?.(line);
    }
  });
  const next = () => new Promise((resolve) => waiters.push(resolve));
  return { child, next };
}

for (const [lang, fixture, command] of targets) {
  const dir = path.join(mini, fixture);
  // Warm-up run fills build caches (Java, Go) so start-up below is the steady-state cost.
  {
    const w = run(dir, command);
    await w.next();
    w.child.stdin.end();
    await new Promise((r) => w.child.on('exit', r));
  }
  const t0 = performance.now();
  const d = run(dir, command);
  const hello = JSON.parse(await d.next());
  const startup = performance.now() - t0;
  if (hello.error) throw new Error(`${lang}: ${hello.error.message}`);
  const arg = { a: [1, 2, 3], s: 'hello', n: 1.5 };
  const t1 = performance.now();
  for (let i = 1; i <= calls; i++) {
    d.child.stdin.write(JSON.stringify({ id: i, fn: 'echo', args: [arg] }) + '\n');
    const r = JSON.parse(await d.next());
    if (r.id !== i || !r.ok) throw new Error(`${lang}: bad response ${JSON.stringify(r)}`);
  }
  const elapsed = performance.now() - t1;
  d.child.stdin.end();
  await new Promise((r) => d.child.on('exit', r));
  console.log(`${lang.padEnd(11)} start-up ${startup.toFixed(0).padStart(5)} ms   ${calls} echo calls ${elapsed.toFixed(0).padStart(6)} ms   ${((elapsed * 1000) / calls).toFixed(0).padStart(5)} µs/call`);
}

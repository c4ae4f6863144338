// ghost conformance driver for Go (protocol v1, docs/driver-protocol.md).
// Generates a `main` package (harness.go + dispatch_gen.go from generate.mjs) that imports the
// implementation's package, builds it once per content hash (implementation sources, harness,
// Go version) into the user cache (~/.cache/ghost/go/, else $GHOST_IMPL_DIR/.ghost-build/,
// else $TMPDIR), then runs the binary on this process's stdin/stdout. A compile error is
// cached with the same hash, so parallel drivers and restarts report it without rebuilding.
// Standard library only: GOPROXY=off, GOFLAGS=-mod=mod, GOTOOLCHAIN=local.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDispatch, resolveNames, scanPackage } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const impl = path.resolve(process.env.GHOST_IMPL_DIR || process.cwd());
const entry = process.env.GHOST_ENTRY || '.';

function fail(kind, message) {
  process.stdout.write(`${JSON.stringify({ ghost: 'driver', protocol: 1, language: 'go', error: { kind, message } })}\n`);
  process.exit(1);
}

function json(name, fallback) {
  try {
    return process.env[name] ? JSON.parse(process.env[name]) : fallback;
  } catch {
    fail('DriverConfigError', `${name} is not valid JSON`);
  }
}

/** Every file under `dir` that can change the build (sources, go.mod/go.sum, embedded files). */
function sourceFiles(dir, rel = '') {
  const out = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    if (name.startsWith('.') || name === 'node_modules' || name === 'testdata') continue;
    const r = path.join(rel, name);
    const st = statSync(path.join(dir, r));
    if (st.isDirectory()) out.push(...sourceFiles(dir, r));
    else if (/\.(go|mod|sum|s|c|h)$/.test(name) && !name.endsWith('_test.go')) out.push(r);
  }
  return out;
}

function goEnv(cacheRoot) {
  return {
    ...process.env,
    GOFLAGS: '-mod=mod',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    GOWORK: 'off',
    GOCACHE: path.join(cacheRoot, 'go-build'),
    GOPATH: process.env.GOPATH || path.join(cacheRoot, 'gopath'),
  };
}

function writable(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

const cacheHome = process.env.XDG_CACHE_HOME || path.join(process.env.HOME || os.homedir() || '/nonexistent', '.cache');
const roots = [path.join(cacheHome, 'ghost', 'go'), path.join(impl, '.ghost-build', 'go'), path.join(os.tmpdir(), `ghost-go-${process.getuid?.() ?? 'u'}`)];

const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
if (goVersion.error || goVersion.status !== 0) fail('GoUnavailable', 'go not found on PATH (apt-get install golang-go)');

// The package: ghost.json/GHOST_ENTRY names its directory (`.` or a sub-directory).
const pkgDir = path.resolve(impl, entry.endsWith('.go') ? path.dirname(entry) : entry);
if (!existsSync(pkgDir) || !statSync(pkgDir).isDirectory()) fail('EntryNotFound', `no Go package directory ${entry} in ${impl}`);
const goFiles = readdirSync(pkgDir)
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
  .map((name) => ({ name, text: readFileSync(path.join(pkgDir, name), 'utf8') }));
const pkg = scanPackage(goFiles);
if (!pkg.packageName) fail('EntryNotFound', `no non-main Go package in ${path.relative(impl, pkgDir) || '.'}`);

const specNames = json('GHOST_FUNCTIONS', []);
const resolved = resolveNames(specNames.length ? specNames : pkg.functions, pkg.functions, json('GHOST_NAME_MAP', {}));

// The module: the implementation's go.mod (imported through a `replace`), or none (the package's
// files are copied into the harness module).
let modRoot = pkgDir;
while (!existsSync(path.join(modRoot, 'go.mod')) && modRoot !== impl && modRoot !== path.dirname(modRoot)) modRoot = path.dirname(modRoot);
const modFile = path.join(modRoot, 'go.mod');
const modPath = existsSync(modFile) ? /^\s*module\s+"?([^\s"]+)"?/m.exec(readFileSync(modFile, 'utf8'))?.[1] : undefined;
const relPkg = path.relative(modRoot, pkgDir).split(path.sep).join('/');
const importPath = modPath ? (relPkg ? `${modPath}/${relPkg}` : modPath) : 'ghostharness/impl';

const harness = readFileSync(path.join(HERE, 'harness.go'), 'utf8');
const dispatch = generateDispatch({ importPath, resolved, sentinels: pkg.sentinels, entry: path.relative(impl, pkgDir) || '.' });
const goMod = modPath
  ? `module ghostharness\n\ngo 1.19\n\nrequire ${modPath} v0.0.0\n\nreplace ${modPath} => ${JSON.stringify(modRoot)}\n`
  : 'module ghostharness\n\ngo 1.19\n';

const hash = createHash('sha256');
for (const part of [goVersion.stdout, harness, dispatch, goMod, modRoot]) hash.update(part).update('\0');
const srcRoot = modPath ? modRoot : pkgDir;
for (const f of modPath ? sourceFiles(srcRoot) : goFiles.map((g) => g.name)) hash.update(f).update('\0').update(readFileSync(path.join(srcRoot, f))).update('\0');
const key = hash.digest('hex').slice(0, 24);

/** A finished build in some root: the binary, or the cached compile error. */
function finished() {
  for (const root of roots) {
    const dir = path.join(root, key);
    if (existsSync(path.join(dir, 'driver'))) return { bin: path.join(dir, 'driver') };
    if (existsSync(path.join(dir, 'error.json'))) return { error: JSON.parse(readFileSync(path.join(dir, 'error.json'), 'utf8')) };
  }
  return undefined;
}

/** `go build` output with the implementation's paths made relative (file:line stays). */
function compileMessage(output) {
  return output
    .split('\n')
    .filter((l) => l && !/^# /.test(l))
    .map((l) => l.split(`${impl}/`).join('').replace(/^\.\//, ''))
    .join('\n')
    .slice(0, 4000);
}

function build(root) {
  const work = path.join(root, `${key}.tmp-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'go.mod'), goMod);
  writeFileSync(path.join(work, 'harness.go'), harness);
  writeFileSync(path.join(work, 'dispatch_gen.go'), dispatch);
  if (!modPath) {
    mkdirSync(path.join(work, 'impl'));
    for (const g of goFiles) writeFileSync(path.join(work, 'impl', g.name), g.text);
  }
  const r = spawnSync('go', ['build', '-o', 'driver', '.'], { cwd: work, env: goEnv(path.dirname(root)), encoding: 'utf8', timeout: 600_000 });
  const done = path.join(root, key);
  if (r.status === 0) {
    mkdirSync(done, { recursive: true });
    renameSync(path.join(work, 'driver'), path.join(done, 'driver'));
  } else {
    // Failures of the harness's own making (a timeout, no disk) are not cached.
    const message = compileMessage(`${r.stderr || ''}${r.stdout || ''}`) || (r.error ? r.error.message : `go build exited ${r.status}`);
    if (r.status !== null && !r.error) {
      mkdirSync(done, { recursive: true });
      writeFileSync(path.join(done, 'error.json'), JSON.stringify({ kind: 'CompileError', message }));
    } else {
      rmSync(work, { recursive: true, force: true });
      fail('CompileError', message);
    }
  }
  rmSync(work, { recursive: true, force: true });
}

function builderAlive(lock) {
  try {
    const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // no pid file yet (the builder is between mkdir and write) counts as alive for a moment
    if (e.code === 'ENOENT') return Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs < 5000;
    return e.code === 'EPERM';
  }
}

/** One build at a time per root (parallel drivers start together); the others wait, then reuse it. */
function lockedBuild(root) {
  const lock = path.join(root, `${key}.lock`);
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (finished()) return;
      if (!builderAlive(lock)) rmSync(lock, { recursive: true, force: true }); // killed mid-build (a timeout)
      if (Date.now() > deadline) fail('CompileError', 'timed out waiting for another driver to build the harness');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!finished()) build(root);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

let result = finished();
if (!result) {
  const root = roots.find(writable);
  if (!root) fail('DriverConfigError', 'no writable directory for the Go harness build');
  lockedBuild(root);
  result = finished();
}
if (!result) fail('CompileError', 'the Go harness build produced nothing');
if (result.error) fail(result.error.kind, result.error.message);

// The protocol on fds 3 and 4 (this process's stdin and stdout), fd 1 discarded: output of the
// implementation's init() cannot corrupt the protocol (harness.go, setupStreams).
const child = spawn(result.bin, [], { cwd: impl, stdio: ['ignore', 'ignore', 'inherit', 0, 1], env: process.env });
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
child.on('error', (e) => fail('DriverConfigError', `cannot start the Go harness: ${e.message}`));

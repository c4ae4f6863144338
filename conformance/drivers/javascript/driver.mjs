#!/usr/bin/env node
// ghost conformance driver for JavaScript and TypeScript (protocol v1, docs/driver-protocol.md).
// Loads an implementation (ESM, CommonJS, or TypeScript through tsx) and serves JSON-line
// requests on stdin/stdout. Whatever the implementation prints is captured and returned as
// `output`, never written to the protocol stream. No dependencies besides Node (and tsx for .ts).

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

let LANGUAGE = 'javascript';
const OUTPUT_LIMIT = 64 * 1024;
const LINE_LIMIT = 16 * 1024 * 1024;
const MAX_DEPTH = 2000;

// ---------------------------------------------------------------- protocol stream + capture

const realStdoutWrite = process.stdout.write.bind(process.stdout);
const realStderrWrite = process.stderr.write.bind(process.stderr);
const realExit = process.exit.bind(process);
const realWriteSync = fs.writeSync;
// The implementation may replace globals; the protocol keeps its own references.
const stringify = JSON.stringify;
const parseJson = JSON.parse;

let captured = '';
let capturedDropped = 0;
let inCall = false;
let failCurrent = null; // rejects the in-flight call (uncaught async errors during a call)

function capture(chunk, encoding) {
  let text;
  if (typeof chunk === 'string') text = chunk;
  else if (chunk instanceof Uint8Array) text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
  else text = String(chunk);
  const room = OUTPUT_LIMIT - captured.length;
  if (room >= text.length) captured += text;
  else {
    if (room > 0) captured += text.slice(0, room);
    capturedDropped += text.length - Math.max(room, 0);
  }
}

function takeOutput() {
  let out = captured;
  if (capturedDropped > 0) out += `\n[ghost: output truncated, ${capturedDropped} more characters]`;
  captured = '';
  capturedDropped = 0;
  return out;
}

function captureWrite(chunk, encoding, cb) {
  capture(chunk, encoding);
  const done = typeof encoding === 'function' ? encoding : cb;
  if (typeof done === 'function') process.nextTick(done);
  return true;
}

// Everything the implementation writes to stdout/stderr, at any time (also from timers that
// fire between calls), goes to the capture buffer; the protocol uses the saved real write.
function installCapture() {
  process.stdout.write = captureWrite;
  process.stderr.write = captureWrite;
  fs.writeSync = function writeSync(fd, buffer, ...rest) {
    if (fd === 1 || fd === 2) {
      if (typeof buffer === 'string') {
        capture(buffer);
        return Buffer.byteLength(buffer);
      }
      const offset = typeof rest[0] === 'number' ? rest[0] : 0;
      const length = typeof rest[1] === 'number' ? rest[1] : buffer.byteLength - offset;
      capture(Buffer.from(buffer.buffer, buffer.byteOffset + offset, length));
      return length;
    }
    return realWriteSync.call(fs, fd, buffer, ...rest);
  };
  process.exit = function exit(code) {
    const err = new Error(`process.exit(${code ?? ''}) called by the implementation`);
    err.name = 'ProcessExit';
    if (inCall) throw err;
    log(`ignored process.exit(${code ?? ''}) outside a call`);
  };
}

function send(obj) {
  let line = stringify(obj);
  if (line.length > LINE_LIMIT / 3 && Buffer.byteLength(line) > LINE_LIMIT && obj.id !== undefined) {
    line = stringify({
      id: obj.id,
      ok: false,
      error: { kind: 'ResultTooLarge', message: `response of ${line.length} characters exceeds the 16 MiB line limit` },
    });
  }
  realStdoutWrite(line + '\n');
}

function log(msg) {
  realStderrWrite(`[ghost js driver] ${msg}\n`);
}

// ---------------------------------------------------------------- values

// `out[k] = v` would set the prototype for k === '__proto__'; keys are plain data.
function setKey(out, k, v) {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    if (typeof v.$ghost === 'string') {
      switch (v.$ghost) {
        case 'nan': return NaN;
        case 'inf': return Infinity;
        case '-inf': return -Infinity;
        case 'bigint': return BigInt(v.value);
        case 'bytes': return Buffer.from(v.base64 ?? '', 'base64');
        // an escaped user object that has a `$ghost` key of its own: its entries, literally
        case 'object': return decodeEntries(v.value !== null && typeof v.value === 'object' && !Array.isArray(v.value) ? v.value : {});
        default: break;
      }
    }
    return decodeEntries(v);
  }
  return v;
}

function decodeEntries(v) {
  const out = {};
  for (const k of Object.keys(v)) setKey(out, k, decode(v[k]));
  return out;
}

// A result object with a `$ghost` key of its own would read as a tag (a returned
// {$ghost: 'nan'} as NaN): it travels escaped, as {$ghost: 'object', value: {...}}.
function escapeObject(out) {
  return Object.hasOwn(out, '$ghost') ? { $ghost: 'object', value: out } : out;
}

class Unserializable extends Error {
  constructor(message) {
    super(message);
    this.name = 'UnserializableResult';
  }
}

const SAFE = 2n ** 53n - 1n;
const SKIP = Symbol('skip');

function encodeNumber(n) {
  if (Number.isNaN(n)) return { $ghost: 'nan' };
  if (n === Infinity) return { $ghost: 'inf' };
  if (n === -Infinity) return { $ghost: '-inf' };
  return Object.is(n, -0) ? 0 : n;
}

function sortIfSortable(list) {
  if (list.every((x) => typeof x === 'number')) return list.sort((a, b) => a - b);
  if (list.every((x) => typeof x === 'string')) return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return list;
}

// Returns the JSON-ready value, or SKIP for values JSON drops (functions, symbols, undefined
// inside objects).
function encode(v, stack, depth) {
  if (depth > MAX_DEPTH) throw new Unserializable('result nested too deeply');
  switch (typeof v) {
    case 'undefined': return SKIP;
    case 'string':
    case 'boolean': return v;
    case 'number': return encodeNumber(v);
    case 'bigint': return v >= -SAFE && v <= SAFE ? Number(v) : { $ghost: 'bigint', value: v.toString() };
    case 'function':
    case 'symbol': return SKIP;
    default: break;
  }
  if (v === null) return null;
  if (stack.has(v)) throw new Unserializable('result has a circular structure');
  stack.add(v);
  try {
    if (v instanceof Uint8Array) return { $ghost: 'bytes', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof ArrayBuffer) return { $ghost: 'bytes', base64: Buffer.from(v).toString('base64') };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v, (x) => encode(x, stack, depth + 1));
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const e = encode(v[i], stack, depth + 1);
        out[i] = e === SKIP ? null : e;
      }
      return out;
    }
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (v instanceof Map) {
      const keys = [...v.keys()];
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        const out = {};
        for (const [k, x] of v) {
          const e = encode(x, stack, depth + 1);
          if (e !== SKIP) setKey(out, String(k), e);
        }
        return escapeObject(out);
      }
      return [...v].map(([k, x]) => [encode(k, stack, depth + 1), encode(x, stack, depth + 1)].map((e) => (e === SKIP ? null : e)));
    }
    if (v instanceof Set) return sortIfSortable([...v].map((x) => encode(x, stack, depth + 1)).map((e) => (e === SKIP ? null : e)));
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) return encode(v.valueOf(), stack, depth + 1);
    if (v instanceof RegExp) return String(v);
    if (typeof v.toJSON === 'function') return encode(v.toJSON(), stack, depth + 1);
    if (typeof v.then === 'function') throw new Unserializable('result contains a Promise');
    const out = {};
    if (v instanceof Error) {
      out.name = String(v.name);
      out.message = String(v.message);
    }
    for (const k of Object.keys(v)) {
      const e = encode(v[k], stack, depth + 1);
      if (e !== SKIP) setKey(out, k, e);
    }
    return escapeObject(out);
  } finally {
    stack.delete(v);
  }
}

function encodeResult(v) {
  if (typeof v === 'function' || typeof v === 'symbol') throw new Unserializable(`result is a ${typeof v}`);
  const e = encode(v, new Set(), 0);
  return e === SKIP ? null : e;
}

// ---------------------------------------------------------------- errors

const BUILTIN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);
// Node's own codes (internal, errno, loader, undici) are not kinds.
const NODE_CODE = /^(ERR_[A-Z0-9_]+|E[A-Z0-9]+|MODULE_NOT_FOUND|ABORT_ERR|UND_ERR_[A-Z0-9_]+)$/;

function errorKind(e) {
  if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return 'Error';
  let code;
  let name;
  let ctor;
  try {
    code = e.code;
    name = e.name;
    ctor = e.constructor && e.constructor.name;
  } catch {
    return 'Error';
  }
  if (typeof code === 'string' && /^[A-Za-z_$][\w$.:-]*$/.test(code) && !NODE_CODE.test(code)) return code;
  if (typeof name === 'string' && name) {
    if (BUILTIN_ERRORS.has(name) && typeof ctor === 'string' && ctor && ctor !== name && ctor !== 'Object') return ctor;
    return name;
  }
  if (typeof ctor === 'string' && ctor && ctor !== 'Object') return ctor;
  return 'Error';
}

function errorMessage(e) {
  try {
    if (e !== null && typeof e === 'object' && 'message' in e) return String(e.message);
    if (typeof e === 'string') return e;
    return typeof e === 'object' ? stringify(e) ?? String(e) : String(e);
  } catch {
    return '<unprintable error>';
  }
}

function errorTrace(e) {
  try {
    const stack = e && typeof e === 'object' && typeof e.stack === 'string' ? e.stack : undefined;
    if (!stack) return undefined;
    const lines = stack.split('\n').filter((l) => !l.includes('/conformance/drivers/javascript/driver.mjs') && !l.includes('(node:internal/'));
    return lines.join('\n').slice(0, 4000);
  } catch {
    return undefined;
  }
}

function errorObject(e) {
  const err = { kind: errorKind(e), message: errorMessage(e) };
  const trace = errorTrace(e);
  if (trace) err.trace = trace;
  return err;
}

// ---------------------------------------------------------------- loading

function parseJsonEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw Object.assign(new Error(`${name} is not valid JSON: ${e.message}`), { name: 'DriverConfigError' });
  }
}

const SOURCE_EXT = ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'];
const TS_EXT = new Set(['.ts', '.mts', '.cts', '.tsx']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.ghost-build', '.ghost', 'test', 'tests', '__tests__', 'coverage']);

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exportsTarget(exp) {
  if (typeof exp === 'string') return exp;
  if (Array.isArray(exp)) {
    for (const e of exp) {
      const t = exportsTarget(e);
      if (t) return t;
    }
    return undefined;
  }
  if (exp && typeof exp === 'object') {
    if ('.' in exp) return exportsTarget(exp['.']);
    for (const cond of ['node', 'import', 'require', 'default']) {
      if (cond in exp) {
        const t = exportsTarget(exp[cond]);
        if (t) return t;
      }
    }
  }
  return undefined;
}

function fileCandidates(base) {
  return [base, ...SOURCE_EXT.map((e) => base + e)];
}

// Resolves a directory to its entry file: package.json (exports, main, module), then index.*
// (also under src/ and lib/), then the only source file, then the source file that mentions
// the most spec names.
function resolveDir(dir, functions) {
  const pkgPath = path.join(dir, 'package.json');
  if (isFile(pkgPath)) {
    let pkg;
    try {
      pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
    } catch {
      pkg = {};
    }
    for (const t of [exportsTarget(pkg.exports), pkg.main, pkg.module]) {
      if (typeof t !== 'string') continue;
      for (const c of fileCandidates(path.resolve(dir, t))) if (isFile(c)) return c;
      const sub = path.resolve(dir, t);
      if (isDir(sub)) for (const ext of SOURCE_EXT) if (isFile(path.join(sub, 'index' + ext))) return path.join(sub, 'index' + ext);
    }
  }
  for (const sub of ['', 'src', 'lib']) {
    for (const ext of SOURCE_EXT) {
      const c = path.join(dir, sub, 'index' + ext);
      if (isFile(c)) return c;
    }
  }
  const sources = [];
  const walk = (d, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const ent of entries) {
      if (ent.name.startsWith('.')) continue;
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) {
        if (depth < 2 && !SKIP_DIRS.has(ent.name)) walk(p, depth + 1);
      } else if (SOURCE_EXT.includes(path.extname(ent.name)) && !/\.(test|spec|d)\.[cm]?[jt]s$/.test(ent.name) && !/(^|\.)config\.[cm]?[jt]s$/.test(ent.name)) {
        sources.push(p);
      }
    }
  };
  walk(dir, 0);
  if (sources.length === 1) return sources[0];
  if (sources.length === 0) return undefined;
  const variants = functions.flatMap((f) => [f, toCamel(f)]);
  let best;
  let bestScore = -1;
  for (const s of sources.sort()) {
    let text = '';
    try {
      text = fs.readFileSync(s, 'utf8');
    } catch {
      continue;
    }
    let score = 0;
    for (const v of new Set(variants)) if (text.includes(v)) score++;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function resolveEntry(implDir, entry, functions) {
  if (entry) {
    const p = path.resolve(implDir, entry);
    if (isDir(p)) {
      const r = resolveDir(p, functions);
      if (r) return r;
      throw Object.assign(new Error(`no entry module found in ${p}`), { name: 'EntryNotFound' });
    }
    for (const c of fileCandidates(p)) if (isFile(c)) return c;
    throw Object.assign(new Error(`entry ${entry} not found in ${implDir}`), { name: 'EntryNotFound' });
  }
  const r = resolveDir(implDir, functions);
  if (r) return r;
  throw Object.assign(new Error(`no JavaScript/TypeScript entry found in ${implDir} (no package.json main/exports, no index.*, no source files)`), { name: 'EntryNotFound' });
}

function loadAsCommonJs(file) {
  const Module = createRequire(import.meta.url)('node:module');
  const m = new Module(file, undefined);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(fs.readFileSync(file, 'utf8'), file);
  m.loaded = true;
  const ns = { default: m.exports };
  if (m.exports !== null && typeof m.exports === 'object') for (const k of Object.keys(m.exports)) if (k !== 'default') ns[k] = m.exports[k];
  return ns;
}

async function registerTsx() {
  let api;
  try {
    // Resolved relative to this file, i.e. from ghost's own node_modules.
    api = await import(import.meta.resolve('tsx/esm/api'));
  } catch (e) {
    throw Object.assign(new Error(`TypeScript entry needs tsx, which could not be loaded from ghost's node_modules: ${e.message}`), { name: 'TsxUnavailable' });
  }
  api.register();
  try {
    const cjs = await import(import.meta.resolve('tsx/cjs/api'));
    cjs.register();
  } catch {
    // ESM hooks alone cover import(); CommonJS require() of .ts just will not work.
  }
}

// ---------------------------------------------------------------- name mapping

function toCamel(name) {
  return name.replace(/[_-]+([A-Za-z0-9])/g, (_, c) => c.toUpperCase());
}

function normalize(name) {
  return name.replace(/[_-]/g, '').toLowerCase();
}

function propertyNames(obj) {
  const names = new Set();
  let o = obj;
  for (let i = 0; o && o !== Object.prototype && o !== Function.prototype && i < 10; i++) {
    for (const k of Object.getOwnPropertyNames(o)) if (k !== 'constructor') names.add(k);
    o = Object.getPrototypeOf(o);
  }
  return names;
}

function safeGet(obj, key) {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}

// Containers searched, in order: the module namespace (named exports), then the default
// export (an object's properties, or a function's own properties).
function buildResolver(ns) {
  const containers = [ns];
  let def = safeGet(ns, 'default');
  if (def !== null && (typeof def === 'object' || typeof def === 'function') && def !== ns) containers.push(def);
  // Transpiled ESM loaded as CommonJS (`export default` → `exports.default`): one level more.
  const inner = def && safeGet(def, 'default');
  if (inner !== null && (typeof inner === 'object' || typeof inner === 'function') && inner !== def) {
    containers.push(inner);
    if (typeof def !== 'function') def = inner;
  }

  function lookup(name) {
    for (const c of containers) {
      if (c === ns && name === 'default') continue;
      const v = safeGet(c, name);
      if (typeof v === 'function') return { fn: v, self: c === ns ? undefined : c, name: c === ns ? name : c === containers[1] ? `default.${name}` : `default.default.${name}` };
    }
    return undefined;
  }

  function lookupPath(p) {
    const direct = lookup(p);
    if (direct || !p.includes('.')) return direct;
    const parts = p.split('.');
    let self = ns;
    let v = ns;
    for (const part of parts) {
      self = v;
      v = v === null || v === undefined ? undefined : safeGet(v, part);
      if (v === undefined && self === ns && containers[1]) v = safeGet(containers[1], part);
    }
    return typeof v === 'function' ? { fn: v, self: self === ns ? undefined : self, name: p } : undefined;
  }

  const all = [];
  for (const c of containers) for (const k of propertyNames(c)) if (!(c === ns && k === 'default') && !k.startsWith('_')) all.push(k);

  return function resolve(spec, explicit, onlyFunction) {
    if (typeof explicit === 'string' && explicit) {
      const r = lookupPath(explicit);
      if (r) return r;
    }
    for (const candidate of [spec, toCamel(spec)]) {
      const r = lookup(candidate);
      if (r) return r;
    }
    const norm = normalize(spec);
    for (const k of all) {
      if (normalize(k) === norm) {
        const r = lookup(k);
        if (r) return r;
      }
    }
    // `module.exports = function slugify() {}` / `export default function`: the default export
    // itself, when its name matches or it is the spec's only function.
    if (typeof def === 'function' && (normalize(def.name || '') === norm || onlyFunction)) return { fn: def, self: undefined, name: 'default' };
    return undefined;
  };
}

// ---------------------------------------------------------------- serving

async function call(target, args) {
  inCall = true;
  try {
    let result = target.fn.apply(target.self, args);
    if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function') {
      result = await new Promise((resolve, reject) => {
        failCurrent = reject;
        Promise.resolve(result).then(resolve, reject);
      });
    }
    return result;
  } finally {
    inCall = false;
    failCurrent = null;
  }
}

async function handle(line, table) {
  let req;
  try {
    req = parseJson(line);
  } catch (e) {
    send({ id: null, ok: false, error: { kind: 'ProtocolError', message: `request is not JSON: ${e.message}` } });
    return;
  }
  if (req === null || typeof req !== 'object' || Array.isArray(req)) {
    send({ id: null, ok: false, error: { kind: 'ProtocolError', message: 'request is not a JSON object' } });
    return;
  }
  const id = req.id ?? null;
  const target = table.get(req.fn);
  if (!target) {
    send({ id, ok: false, error: { kind: 'FunctionNotFound', message: `function ${stringify(req.fn)} not found in the implementation` } });
    return;
  }
  let args;
  try {
    args = Array.isArray(req.args) ? decode(req.args) : req.args === undefined ? [] : [decode(req.args)];
  } catch (e) {
    send({ id, ok: false, error: { kind: 'ProtocolError', message: `bad arguments: ${errorMessage(e)}` } });
    return;
  }
  takeOutput(); // output printed between calls belongs to no case
  installCapture(); // whatever the previous call did to process.stdout & co.
  let response;
  try {
    const value = await call(target, args);
    try {
      response = { id, ok: true, value: encodeResult(value) };
    } catch (e) {
      response = { id, ok: false, error: errorObject(e) };
    }
  } catch (e) {
    response = { id, ok: false, error: errorObject(e) };
  }
  const output = takeOutput();
  if (output) response.output = output;
  send(response);
}

async function main() {
  installCapture();
  process.on('uncaughtException', (e) => {
    if (failCurrent) failCurrent(e);
    else log(`uncaught exception outside a call: ${errorMessage(e)}`);
  });
  process.on('unhandledRejection', (e) => {
    if (failCurrent) failCurrent(e);
    else log(`unhandled rejection outside a call: ${errorMessage(e)}`);
  });

  const implDir = path.resolve(process.env.GHOST_IMPL_DIR || process.cwd());
  let table;
  let entryFile;
  try {
    const functions = parseJsonEnv('GHOST_FUNCTIONS', []);
    const nameMap = parseJsonEnv('GHOST_NAME_MAP', {});
    if (!Array.isArray(functions)) throw Object.assign(new Error('GHOST_FUNCTIONS must be a JSON list'), { name: 'DriverConfigError' });
    entryFile = resolveEntry(implDir, (process.env.GHOST_ENTRY || '').trim(), functions);
    if (TS_EXT.has(path.extname(entryFile))) {
      LANGUAGE = 'typescript';
      await registerTsx();
    }
    inCall = true; // process.exit during module evaluation is an error, not an exit
    let ns;
    try {
      ns = await import(pathToFileURL(entryFile).href);
    } catch (e) {
      // CommonJS in a .js file that Node took for ESM (an enclosing package.json says
      // "type": "module"): evaluate it as CommonJS.
      if (!(path.extname(entryFile) === '.js' && /\b(exports|require|module) is not defined in ES module scope/.test(errorMessage(e)))) throw e;
      ns = loadAsCommonJs(entryFile);
    } finally {
      inCall = false;
    }
    const resolve = buildResolver(ns);
    table = new Map();
    const names = functions.length > 0 ? functions : [...propertyNames(ns)].filter((k) => k !== 'default' && typeof safeGet(ns, k) === 'function');
    for (const spec of names) {
      if (typeof spec !== 'string') continue;
      const r = resolve(spec, nameMap && typeof nameMap === 'object' ? nameMap[spec] : undefined, names.length === 1);
      if (r) table.set(spec, r);
    }
  } catch (e) {
    const early = takeOutput();
    if (early) log(`output while loading:\n${early}`);
    send({ ghost: 'driver', protocol: 1, language: LANGUAGE, error: { kind: errorKind(e), message: errorMessage(e) } });
    return finish(1);
  }
  const early = takeOutput();
  if (early) log(`output while loading the implementation:\n${early.slice(0, 2000)}`);
  const functionsOut = {};
  for (const [spec, r] of table) functionsOut[spec] = r.name;
  send({ ghost: 'driver', protocol: 1, language: LANGUAGE, entry: path.relative(implDir, entryFile), functions: functionsOut });

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    await handle(line, table);
  }
  return finish(0);
}

function finish(code) {
  // Exit explicitly (the implementation may hold timers or sockets open), after the protocol
  // stream has drained.
  if (process.stdout.writableLength === 0) realExit(code);
  else process.stdout.once('drain', () => realExit(code));
  setTimeout(() => realExit(code), 2000).unref();
}

main().catch((e) => {
  log(`internal error: ${e && e.stack ? e.stack : e}`);
  realExit(70);
});

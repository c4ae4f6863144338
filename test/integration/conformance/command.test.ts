import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../../src/conformance/index.js';
import { call, command, spec } from '../../conformance/helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A tiny `wc -l`: counts stdin lines; --crlf answers with CRLF; --fail exits 3 with a message;
// --hang never ends; --flood prints forever. It only works after the build step ran.
const PROGRAM = `
import { readFileSync, existsSync, writeSync } from 'node:fs';
if (!existsSync('built.txt')) { console.error('not built'); process.exit(99); }
const arg = process.argv[2];
if (arg === '--hang') setInterval(() => {}, 1000);
else if (arg === '--flood') { const s = 'y'.repeat(65536); for (;;) writeSync(1, s); }
else if (arg === '--noread') process.stdout.write('ok\\n');
else if (arg === '--fail') { process.stderr.write('error: bad flag --fail\\n'); process.exit(3); }
else {
  const text = readFileSync(0, 'utf8');
  const n = text.split('\\n').length - 1;
  process.stdout.write(arg === '--crlf' ? n + '\\r\\n' : n + '\\n');
}
`;

function impl(name: string, manifest: object): string {
  const d = path.join(tmp, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'wc.mjs'), PROGRAM);
  writeFileSync(
    path.join(d, 'build.mjs'),
    "import { appendFileSync } from 'node:fs'; appendFileSync('built.txt', 'x');\n",
  );
  writeFileSync(path.join(d, 'ghost.json'), JSON.stringify(manifest));
  return d;
}

describe('command cases', () => {
  it('runs the build once, then the program per case; compares stdout, exit code and stderr', async () => {
    const dir = impl('wc', {
      language: 'javascript',
      build: [process.execPath, 'build.mjs'],
      command: [process.execPath, 'wc.mjs'],
    });
    const cases = [
      command('lines', [], 'a\nb\n', { exitCode: 0, stdout: '2\n' }),
      command('crlf', ['--crlf'], 'a\n', { exitCode: 0, stdout: '1\n' }),
      command('wrong-stdout', [], 'a\n', { exitCode: 0, stdout: '2\n' }),
      command('exit', ['--fail'], '', { exitCode: 3, stderrContains: 'bad flag' }),
      command('wrong-exit', ['--fail'], '', { exitCode: 0 }),
      command('wrong-stderr', ['--fail'], '', { exitCode: 3, stderrContains: 'no such text' }),
      command('hang', ['--hang'], '', { exitCode: 0 }),
      command('noread', ['--noread'], 'x'.repeat(4 << 20), { exitCode: 0, stdout: 'ok\n' }),
      command('flood', ['--flood'], '', { exitCode: 0, stdout: '' }),
    ];
    const report = await runConformance(spec(cases), { implDir: dir, jobs: 2, timeoutMs: 1500, maxLineBytes: 1 << 20 });
    const by = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(readFileSync(path.join(dir, 'built.txt'), 'utf8')).toBe('x');
    expect(by.lines!.status).toBe('passed');
    // Byte-exact: CRLF where the spec says LF is a failure, not something to normalise away.
    expect(by.crlf).toMatchObject({ status: 'failed', message: 'stdout differs: expected "1\\n", got "1\\r\\n"' });
    expect(by.noread!.status).toBe('passed');
    expect(by['wrong-stdout']).toMatchObject({
      status: 'failed',
      message: 'stdout differs: expected "2\\n", got "1\\n"',
    });
    expect(by.exit!.status).toBe('passed');
    expect(by['wrong-exit']).toMatchObject({ status: 'failed', message: 'exit code 3, expected 0' });
    expect(by['wrong-exit']!.output).toContain('bad flag');
    expect(by['wrong-stderr']).toMatchObject({ status: 'failed', message: 'stderr does not contain "no such text"' });
    expect(by.hang).toMatchObject({ status: 'failed', message: 'timed out after 1500 ms' });
    expect(by.flood).toMatchObject({
      status: 'failed',
      message: 'stdout exceeded the output limit; the program was killed',
    });
    expect(report.results.map((r) => r.kind)).toEqual(cases.map(() => 'command'));
  });

  it('a failing build errors the command cases with its output', async () => {
    const dir = impl('badbuild', {
      language: 'javascript',
      build: [process.execPath, '-e', 'console.error("compile error: x"); process.exit(2)'],
      command: [process.execPath, 'wc.mjs'],
    });
    const report = await runConformance(
      spec([command('a', [], '', { exitCode: 0 }), command('b', [], '', { exitCode: 0 })]),
      { implDir: dir },
    );
    expect(report.errored).toBe(2);
    expect(report.results[0]!.message).toMatch(/^build failed \(.*\) with exit code 2:\ncompile error: x/);
  });

  it('a spec can mix call and command cases', async () => {
    const dir = impl('mixed', {
      language: 'javascript',
      entry: 'lib.mjs',
      build: [process.execPath, 'build.mjs'],
      command: [process.execPath, 'wc.mjs'],
    });
    writeFileSync(path.join(dir, 'lib.mjs'), 'export const twice = (x) => 2 * x;\n');
    const report = await runConformance(
      spec([call('t', 'twice', [2], { value: 4 }), command('c', [], 'x\n', { exitCode: 0, stdout: '1\n' })]),
      { implDir: dir },
    );
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['t', 'passed'],
      ['c', 'passed'],
    ]);
  });
});

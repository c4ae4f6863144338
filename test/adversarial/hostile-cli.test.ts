// An "agent CLI" that is really a hostile script, run by the exec provider: it gets the agent
// jail with the network (its model) but the same filesystem view as run_command. It must not
// see the user's secrets, the spec, the user's HOME or ghost's state, nor write .git or .ghost;
// run_command in the same repo has no network at all.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecProvider } from '../../src/build/agents/index.js';
import { runCommandTool } from '../../src/build/tools/index.js';
import { probeJail } from '../../src/process/index.js';
import { ROMAN_SPEC, tmpDir } from '../build/support.js';
import { BUDGET, request } from '../build/agents/helpers.js';

const jailWorks = probeJail().ok;
const SECRET = 'exec-agent-secret-6502';

const connect = (port: number) =>
  `require("net").connect(${port},"127.0.0.1").on("connect",()=>{console.log("NET-OK");process.exit(0)}).on("error",e=>{console.log("NET-FAIL",e.code);process.exit(0)})`;

describe.skipIf(!jailWorks)('a hostile agent CLI (exec provider) in the agent jail', () => {
  let server: net.Server | undefined;
  afterEach(async () => {
    delete process.env.DATABASE_URL;
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  it('sees neither secrets nor the spec nor ghost state, writes neither .git nor .ghost, and has the network', async () => {
    const project = tmpDir('ghost-project-');
    const spec = path.join(project, 'spec.md');
    copyFileSync(ROMAN_SPEC, spec);
    const repo = path.join(project, 'out');
    mkdirSync(path.join(repo, '.ghost'), { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(path.join(repo, '.ghost', 'state.json'), '{"ghost": true}\n');
    mkdirSync(path.join(project, '.out.ghost-state'));
    writeFileSync(path.join(project, '.out.ghost-state', 'state.json'), 'GHOST-OWN-STATE\n');
    process.env.DATABASE_URL = SECRET;
    server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;

    const script = [
      'tr "\\0" "\\n" < /proc/$PPID/environ; env',
      `cat ${spec}; cat ${path.join(project, '.out.ghost-state', 'state.json')}; ls -a ..`,
      'echo forged > .ghost/state.json; echo "[alias]" >> .git/config',
      `node -e '${connect(port)}'`,
      'echo END',
    ].join('; ');
    const res = await new ExecProvider({ command: ['sh', '-c', script] }).runSession(
      request(repo, [], { budget: { ...BUDGET, maxWallMs: 30_000 } }),
    );
    const seen = JSON.stringify(res.transcript);
    expect(seen).toContain('END');
    expect(seen).toContain('NET-OK');
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain('hidden-to-');
    expect(seen).not.toContain('GHOST-OWN-STATE');
    const output = res.transcript
      .map((e) => (e.type === 'note' && e.content.startsWith('exec output') ? e.content : ''))
      .join('');
    expect(output).toMatch(/^out$/m); // `ls -a ..` works, and shows the repo alone
    expect(output).not.toMatch(/^\.out\.ghost-state$/m);
    expect(readFileSync(path.join(repo, '.ghost', 'state.json'), 'utf8')).toBe('{"ghost": true}\n');
    expect(readFileSync(path.join(repo, '.git', 'config'), 'utf8')).not.toContain('[alias]');

    const r = await runCommandTool({ root: repo }).run({ argv: ['node', '-e', connect(port)] });
    expect(r.content).toContain('NET-FAIL');
  });
});

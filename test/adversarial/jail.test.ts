// The jail as seen from inside: what /proc and the filesystem show a jailed process.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/process/index.js';
import { HOSTILE, ROOT, jailWorks } from './support.js';

const implDir = path.join(HOSTILE, 'python');

describe.runIf(jailWorks)('inside the jail', () => {
  it('/proc shows only the jail, and its pid 1 command line names no host path (bwrap reads its binds from fd 3)', async () => {
    const r = await runProcess({
      argv: ['sh', '-c', 'ls /proc | grep -c "^[0-9]"; tr "\\0" " " < /proc/1/cmdline'],
      cwd: implDir,
      timeoutMs: 10_000,
      jail: {
        readOnly: [implDir],
        mapped: [{ from: path.join(ROOT, 'conformance/drivers/python'), to: '/opt/ghost/conformance/drivers/python' }],
        hide: [path.join(HOSTILE, 'spec.md')],
      },
    });
    expect(r.isolation).toBe('bubblewrap');
    const [count, cmdline] = r.stdout.split('\n');
    expect(Number(count)).toBeLessThan(6);
    expect(cmdline).not.toContain(ROOT);
    expect(cmdline).toMatch(/^bwrap --args 3 -- sh -c /);
  });

  it("sees neither ghost's checkout nor the user HOME; the root is read-only; /tmp and HOME are private and writable", async () => {
    const r = await runProcess({
      argv: [
        'sh',
        '-c',
        `ls ${ROOT}/specs 2>&1; ls /root 2>&1; touch /x 2>&1; touch /tmp/ok "$HOME/ok" && echo writable`,
      ],
      cwd: implDir,
      timeoutMs: 10_000,
      jail: { readOnly: [implDir] },
    });
    expect(r.stdout).toMatch(/specs'?: No such file or directory/);
    expect(r.stdout).toMatch(/\/root'?: No such file or directory/);
    expect(r.stdout).toMatch(/\/x'?: Read-only file system/);
    expect(r.stdout).toMatch(/writable\n$/);
  });
});

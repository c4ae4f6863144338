// The bubblewrap argument builder is a pure function of a resolved plan: what the jail
// contains and what it leaves out is read here without starting anything.
import { describe, expect, it } from 'vitest';
import { bwrapArgs, type JailPlan } from '../../src/process/index.js';

const plan = (extra: Partial<JailPlan> = {}): JailPlan => ({
  symlinks: [{ path: '/bin', target: 'usr/bin' }],
  readOnly: ['/usr', '/opt/py/3.11'],
  writable: [],
  mapped: [{ from: '/src/ghost/conformance/drivers/python', to: '/opt/ghost/conformance/drivers/python' }],
  hide: [],
  network: false,
  cwd: '/tmp/impl',
  home: '/home/ghost',
  ...extra,
});

/** The `--flag a b` triples of an argv, for order-insensitive checks. */
function pairs(args: string[], flag: string): string[][] {
  const out: string[][] = [];
  args.forEach((a, i) => {
    if (a === flag) out.push(args.slice(i + 1, i + 3));
  });
  return out;
}

describe('bwrapArgs', () => {
  it('unshares every namespace (network included), dies with ghost, starts a new session, drops capabilities', () => {
    const a = bwrapArgs(plan());
    expect(a.slice(0, 6)).toEqual([
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--cap-drop',
      'ALL',
      '--symlink',
    ]);
    expect(a).not.toContain('--share-net');
    expect(a).not.toContain('/etc/resolv.conf');
  });

  it('shares the network only when asked, with the resolver files it needs', () => {
    const a = bwrapArgs(plan({ network: true }));
    expect(a).toContain('--share-net');
    expect(pairs(a, '--ro-bind-try')).toContainEqual(['/etc/resolv.conf', '/etc/resolv.conf']);
  });

  it('binds only what the plan lists, read-only unless writable; never / itself', () => {
    const a = bwrapArgs(plan({ readOnly: ['/usr', '/tmp/impl'], writable: ['/tmp/work'] }));
    expect(pairs(a, '--ro-bind')).toEqual([
      ['/usr', '/usr'],
      ['/tmp/impl', '/tmp/impl'],
      ['/src/ghost/conformance/drivers/python', '/opt/ghost/conformance/drivers/python'],
    ]);
    expect(pairs(a, '--bind')).toEqual([['/tmp/work', '/tmp/work']]);
    expect(pairs(a, '--ro-bind').some(([from]) => from === '/')).toBe(false);
    expect(a.slice(-4)).toEqual(['--remount-ro', '/', '--chdir', '/tmp/impl']);
  });

  it('gives a private /tmp and HOME before the binds, so an implementation under /tmp stays visible', () => {
    const a = bwrapArgs(plan({ readOnly: ['/usr', '/tmp/impl'] }));
    expect(a.indexOf('/tmp')).toBeLessThan(a.indexOf('/tmp/impl'));
    expect(pairs(a, '--tmpfs')).toContainEqual(['/home/ghost', '--ro-bind-try']);
    expect(pairs(a, '--proc')[0]![0]).toBe('/proc');
  });

  it('binds parents before children whatever the order given', () => {
    const a = bwrapArgs(plan({ readOnly: ['/a/b/c', '/a'] }));
    expect(a.indexOf('/a')).toBeLessThan(a.indexOf('/a/b/c'));
  });

  it('masks hidden files with /dev/null and hidden directories with an empty tmpfs, after the binds', () => {
    const a = bwrapArgs(
      plan({
        hide: [
          { path: '/tmp/impl/spec.md', dir: false },
          { path: '/tmp/impl/.ghost', dir: true },
        ],
      }),
    );
    expect(pairs(a, '--ro-bind')).toContainEqual(['/dev/null', '/tmp/impl/spec.md']);
    expect(a.lastIndexOf('/tmp/impl/.ghost')).toBeGreaterThan(a.indexOf('/opt/ghost/conformance/drivers/python'));
    expect(a[a.indexOf('/tmp/impl/.ghost') - 1]).toBe('--tmpfs');
  });
});

// Bytecode brought along with an implementation is not trusted: a forged unchecked-hash .pyc
// next to an honest-looking source would otherwise run instead of it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { HOSTILE, type Project, hostileProject, jailWorks } from './support.js';

let project: Project;
let impl: string;
beforeAll(async () => {
  project = await hostileProject();
  impl = path.join(project.dir, 'impl-pyc');
  cpSync(path.join(HOSTILE, 'pyc'), impl, { recursive: true });
  mkdirSync(path.join(impl, '__pycache__'));
  const compile =
    'import importlib.util, py_compile, sys; ' +
    'py_compile.compile(sys.argv[1], cfile=importlib.util.cache_from_source(sys.argv[2]), invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)';
  execFileSync('python3', ['-c', compile, path.join(impl, 'forged.py'), path.join(impl, 'oracle.py')]);
});
afterAll(async () => project?.restore());

describe.runIf(jailWorks)('a forged .pyc', () => {
  const run = async (isolation: 'auto' | 'none') =>
    runConformance((await loadSpec(project.spec)).spec, { implDir: impl, isolation, filter: { ids: ['hidden-env'] } });

  it('is what runs unjailed (the attack is real)', async () => {
    expect((await run('none')).results[0]!.status).toBe('passed');
  });

  it('is hidden in the jail: the source runs, the hidden case fails', async () => {
    const report = await run('auto');
    expect(report.isolation).toBe('bubblewrap');
    expect(report.results[0]).toMatchObject({ status: 'failed', actual: 'no answer' });
  });
});

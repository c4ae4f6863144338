// The parsed model must not move under a refactor of the front end or the planner: every spec
// under specs/ and fixtures/ is loaded and planned, and its diagnostics, plan JSON and a digest
// of the whole Spec are compared with fixtures/golden-plans/<path>.json (written from the code
// as it was; refresh with GHOST_UPDATE_GOLDEN=1 only for a change you mean, and review the diff).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { formatDiagnostic, loadSpec } from '../../src/spec/index.js';
import { UserError } from '../../src/util/errors.js';

const GOLDEN = 'fixtures/golden-plans';
const UPDATE = process.env.GHOST_UPDATE_GOLDEN === '1';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return path === GOLDEN ? [] : markdownFiles(path);
      return e.name.endsWith('.md') ? [path] : [];
    })
    .sort();
}

const files = [...markdownFiles('specs'), ...markdownFiles('fixtures')];

interface Golden {
  error?: string;
  diagnostics?: string[];
  specDigest?: string;
  plan?: unknown;
}

async function observe(file: string): Promise<Golden> {
  try {
    const { spec, diagnostics } = await loadSpec(file);
    const golden: Golden = {
      diagnostics: diagnostics.map(formatDiagnostic),
      specDigest: createHash('sha256').update(JSON.stringify(spec)).digest('hex'),
    };
    if (!diagnostics.some((d) => d.severity === 'error')) golden.plan = makePlan(spec);
    return golden;
  } catch (e) {
    if (e instanceof UserError) return { error: e.message };
    throw e;
  }
}

describe('golden plans', () => {
  it('covers the specs and the prose fixture', () => {
    expect(files).toContain('specs/slugify.md');
    expect(files).toContain('fixtures/prose/service-spec.md');
    expect(files).toContain('fixtures/third-party/humanize/SPEC.md');
  });

  it.each(files)('%s', async (file) => {
    const path = `${GOLDEN}/${file.replaceAll('/', '__').replace(/\.md$/, '.json')}`;
    const actual = await observe(file);
    if (UPDATE || !existsSync(path)) {
      if (!UPDATE) throw new Error(`${path} is missing; run with GHOST_UPDATE_GOLDEN=1 to write it`);
      writeFileSync(path, `${JSON.stringify(actual, null, 1)}\n`);
      return;
    }
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')) as Golden);
  });
});

// BuildOptions for a spec file with test-sized limits: the real front end, planner and
// conformance runner, a Python target, one provider for both roles.
import type { Provider } from '../../src/build/agents/types.js';
import type { BuildOptions } from '../../src/build/types.js';
import { runConformance } from '../../src/conformance/index.js';
import { makePlan } from '../../src/plan/index.js';
import { loadSpec, readSpecSource } from '../../src/spec/index.js';

export async function buildOptionsFor(
  specPath: string,
  outDir: string,
  provider: Provider,
  extra: Partial<BuildOptions> = {},
): Promise<BuildOptions> {
  const { spec } = await loadSpec(specPath);
  return {
    spec,
    specSource: await readSpecSource(specPath),
    plan: makePlan(spec, { language: 'python' }),
    language: 'python',
    outDir,
    implementer: provider,
    reviewer: provider,
    runConformance,
    maxRounds: 2,
    session: { maxTurns: 20, maxTokens: 1_000_000, maxWallMs: 120_000 },
    conformance: { jobs: 1 },
    resume: false,
    force: false,
    ...extra,
  };
}

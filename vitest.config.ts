import { defineConfig } from 'vitest/config';

// The default tier (`npm test`, the README's test command): fast, deterministic, under 60 s on
// 2 cores. Slow tiers have their own configs and npm scripts; `.ci/run` runs them all:
//   test/integration, test/adversarial  → npm run test:integration (end-to-end builds, jail attacks)
//   test/agents                         → npm run test:agents (the real Codex / Claude Code CLIs)
//   test/acceptance                     → npm run test:acceptance (every spec × every implementation)
export const slowTiers = ['test/integration/**', 'test/adversarial/**', 'test/agents/**', 'test/acceptance/**'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...slowTiers, '**/node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // 2-core machines: more workers than cores only adds contention.
    maxWorkers: 2,
    // Each worker keeps its module cache across test files instead of re-importing src/ (and
    // remark, ajv, openai...) per file: under load, imports were over half the wall time
    // (34 s of 66 s). Tests that touch process.env or spies restore them; forks (not threads)
    // keep the main thread's stack size that the parser's overflow tests rely on.
    isolate: false,
  },
});

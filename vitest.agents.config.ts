import { defineConfig } from 'vitest/config';

// The real agent CLIs (Codex, Claude Code) driven offline against the fake model server.
export default defineConfig({
  test: {
    include: ['test/agents/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/agents/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
  },
});

import { defineConfig } from 'vitest/config';

// The slow acceptance suite: shipped specs × reference and buggy implementations.
export default defineConfig({
  test: {
    include: ['test/acceptance/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    maxWorkers: 2,
  },
});

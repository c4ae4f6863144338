import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/acceptance runs separately (npm run test:acceptance): it is minutes, not seconds.
    exclude: ['test/acceptance/**', '**/node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // 2-core machines: more workers than cores only adds contention.
    maxWorkers: 2,
  },
});

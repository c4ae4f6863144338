import { defineConfig } from 'vitest/config';

// End-to-end builds and the adversarial suite (hostile implementations and agents against the
// jail): real processes, git repos and bubblewrap, so seconds per test, not milliseconds.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts', 'test/adversarial/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});

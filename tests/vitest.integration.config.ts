import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'integration',
    root: __dirname,
    include: ['integration/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    // Each file gets its own database; PGlite is single-threaded, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

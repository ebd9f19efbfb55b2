import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    root: __dirname,
    include: ['e2e/**/*.test.ts'],
    // Builds the web app if needed, starts the real API and `next start`, and stops both afterwards.
    globalSetup: ['./support/e2e-global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

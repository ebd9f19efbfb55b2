import { defineConfig } from 'vitest/config';

// One run covers every package: unit tests beside the code, integration and end-to-end tests under tests/.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/api/vitest.config.ts',
      'apps/web/vitest.config.ts',
      'tests/vitest.integration.config.ts',
      'tests/vitest.e2e.config.ts',
    ],
  },
});

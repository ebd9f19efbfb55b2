import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname, 'src') } },
  test: {
    name: 'web',
    root: __dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

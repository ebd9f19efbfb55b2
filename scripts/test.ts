// `pnpm test`: every test of every package in one vitest run, ending with the plain
// "N passed, N failed" line. Extra arguments go to vitest (e.g. `pnpm test --project domain`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const polyfills = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-polyfills.mjs');

const vitestArgs = [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=./scripts/summary-reporter.ts',
];
const result = spawnSync('pnpm', [...vitestArgs, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${polyfills}`.trim(),
  },
});
process.exit(result.status ?? 1);

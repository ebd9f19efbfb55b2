// `pnpm test`: every test of every package in one vitest run, ending with the plain
// "N passed, N failed" line. Extra arguments go to vitest (e.g. `pnpm test --project domain`).
import { spawnSync } from 'node:child_process';

const vitestArgs = [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=./scripts/summary-reporter.ts',
];
const result = spawnSync('pnpm', [...vitestArgs, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
process.exit(result.status ?? 1);

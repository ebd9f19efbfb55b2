import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles the API into apps/api/dist (apps/api/build.ts, about 2 s), so `pnpm start` runs it with
 * plain node: never stale, and SIGTERM reaches the server itself. Throws when the build fails.
 */
export function buildApi(): void {
  const result = spawnSync('pnpm', ['--filter', '@resonance/api', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The API did not build; see the output above.');
}

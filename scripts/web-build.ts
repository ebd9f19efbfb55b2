import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the production web build is made from: the app itself and the workspace packages it bundles. */
const WEB_SOURCES = ['apps/web', 'packages/contracts/src', 'packages/domain/src'];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  // The directory's own mtime changes when a file is deleted or renamed.
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Runs `next build` only when there is no build yet or a source is newer than it, so `pnpm start`
 * and the end-to-end tests never serve a stale web app. Throws when the build fails.
 */
export function buildWebIfNeeded(log: (message: string) => void = console.log): void {
  const buildId = path.join(root, 'apps/web/.next/BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...WEB_SOURCES.map((dir) => newestMtime(path.join(root, dir))));
  if (builtAt > changedAt) return;
  log('Building the web app (first start or changed sources)…');
  const result = spawnSync('pnpm', ['--filter', '@resonance/web', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('The web app did not build; see the output above.');
}

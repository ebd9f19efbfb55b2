import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest directory above this file that holds pnpm-workspace.yaml. Found
 * by walking up rather than by a fixed depth, because this file also runs bundled into
 * apps/api/dist/server.js (see apps/api/build.ts).
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`Cannot find the Resonance repository (pnpm-workspace.yaml) above ${start}`);
    }
  }
}

const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

export const paths = {
  repoRoot,
  /** packages/db itself: its dependencies resolve from here wherever this code runs. */
  dbPackage: path.join(repoRoot, 'packages/db'),
  schema: path.join(repoRoot, 'prisma/schema.prisma'),
  migrations: path.join(repoRoot, 'prisma/migrations'),
  defaultDataDir: path.join(repoRoot, '.data/postgres'),
};

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const paths = {
  repoRoot,
  schema: path.join(repoRoot, 'prisma/schema.prisma'),
  migrations: path.join(repoRoot, 'prisma/migrations'),
  defaultDataDir: path.join(repoRoot, '.data/postgres'),
};

import path from 'node:path';
import { z } from 'zod';
import { paths } from '../paths';

const cliEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(paths.repoRoot, '.data')),
});

/** The database CLIs' environment, validated; a bad variable stops them with its name. */
export function loadCliEnv() {
  const cleaned = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = cliEnvSchema.safeParse(cleaned);
  if (!result.success) {
    console.error(
      `Invalid environment configuration:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    process.exit(1);
  }
  return { databaseUrl: result.data.DATABASE_URL, dataDir: path.join(result.data.DATA_DIR, 'postgres') };
}

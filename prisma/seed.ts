// `pnpm db:seed`: the demo organisation, into an empty database only, never in production.
import { runSeedCommand } from '../apps/api/src/demo/seed-command';

process.exitCode = await runSeedCommand().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});

import { createMigration } from '../migrations';

const name = process.argv[2];
if (!name) {
  console.error('Usage: pnpm db:migration <name>   (e.g. pnpm db:migration add_round_notes)');
  process.exit(1);
}
const dir = await createMigration(name);
console.log(dir ? `Created ${dir}` : 'schema.prisma matches the migrations: nothing to create.');

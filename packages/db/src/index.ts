export { createPrismaClient, type Db, type PrismaClientOptions, type SqlPool } from './client';
export { type Database, type DatabaseOptions, isReachable, openDatabase, redactUrl } from './database';
export { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
export * from './generated/prisma/client';
export { migrateDatabase, pendingSchemaChanges } from './migrations';
export { paths } from './paths';
export * from './prisma-errors';

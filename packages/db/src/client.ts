import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

export interface PrismaClientOptions {
  connectionString: string;
  /** Pool size; keep the sum of all pools below the embedded server's connection limit. */
  poolSize?: number;
}

/** One client per process: it owns a connection pool. */
export function createPrismaClient({ connectionString, poolSize = 10 }: PrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  return new PrismaClient({ adapter });
}

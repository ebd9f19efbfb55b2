import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/problem';

/** Liveness (process up) and readiness (database reachable) for orchestrators and `pnpm start`. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async () => {
    try {
      await app.db.$queryRaw`select 1`;
    } catch {
      throw new AppError('unavailable', 'The database is not reachable.');
    }
    return { status: 'ready' };
  });
}

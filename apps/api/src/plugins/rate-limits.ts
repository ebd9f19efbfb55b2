import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

/**
 * The rate limits' store. Only routes that opt in (`config.rateLimit`) are limited. With
 * REDIS_URL every API instance counts in one Redis, so a limit holds however many instances run
 * behind the load balancer; without it each process counts in a bounded in-memory LRU.
 *
 * If Redis fails, requests pass (`skipOnError`) and the failure is logged: a broken cache must
 * not lock every rater out of the survey. The limits are a brake on abuse; passwords and
 * invitation tokens are what actually protect accounts and ballots.
 */
export const rateLimits = fp(
  async (app: FastifyInstance, { redisUrl }: { redisUrl?: string | undefined }) => {
    const redis = redisUrl
      ? new Redis(redisUrl, {
          // Fail fast rather than hold requests while Redis is away.
          connectTimeout: 2_000,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: true,
          lazyConnect: false,
        })
      : undefined;
    redis?.on('error', (error) => app.log.warn({ err: error }, 'rate-limit store (Redis) unavailable'));
    if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
    await app.register(rateLimit, {
      global: false,
      skipOnError: true,
      nameSpace: 'resonance-rate-limit:',
      ...(redis ? { redis } : {}),
    });
  },
  { name: 'rate-limits' },
);

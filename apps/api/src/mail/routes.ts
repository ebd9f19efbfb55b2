import { outboxListResponseSchema, outboxQuerySchema } from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../errors/problem-responses';
import { listOutbox } from './list-outbox';
import { mailQueueCounts } from './mail-queue';

/**
 * The development outbox: emails stored instead of sent when SMTP_URL is not set. Registered only
 * outside production, because the emails contain working invitation links.
 */
export async function outboxRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/dev/outbox',
    {
      schema: {
        tags: ['development'],
        summary:
          "The organisation's outbox (emails kept when no SMTP server is configured); not in production",
        security: [{ bearerAuth: [] }],
        querystring: outboxQuerySchema,
        response: { 200: outboxListResponseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await listOutbox({ db: app.db, orgId: request.user.orgId, limit: request.query.limit }),
      queue: await mailQueueCounts(app.db, request.user.orgId),
    }),
  );
}

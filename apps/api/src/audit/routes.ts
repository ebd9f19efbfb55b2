import { auditListQuerySchema, auditListResponseSchema } from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../errors/problem-responses';
import { listAudit } from './list-audit';

/** The audit log of admin actions; admins only, read-only (the log has no write route). */
export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'What admins (and the scheduler) did in this organisation, newest first (paginated)',
        description:
          'Every admin action — settings, org-chart imports and edits, logins given, round planning and transitions, reminders — with who acted and when. The log is append-only: the database refuses to change or delete an event. It holds no answers and never who answered or was reminded. Pass `nextCursor` as `before` for the next page; a cursor that was not handed out answers 400.',
        security: [{ bearerAuth: [] }],
        querystring: auditListQuerySchema,
        response: { 200: auditListResponseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      listAudit({
        db: app.db,
        orgId: request.user.orgId,
        limit: request.query.limit,
        before: request.query.before,
      }),
  );
}

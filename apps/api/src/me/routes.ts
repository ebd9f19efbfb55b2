import { meResponseSchema, updateMyPreferencesRequestSchema } from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../errors/problem-responses';
import { getMe } from './get-me';
import { updateMyPreferences } from './update-my-preferences';

/** The logged-in user's own data; any role. */
export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who am I: user, person, organisation and role',
        security: [{ bearerAuth: [] }],
        response: { 200: meResponseSchema, ...problemResponses(401) },
      },
    },
    async (request) => getMe({ db: app.db, userId: request.user.userId, orgId: request.user.orgId }),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own settings: the language (null follows the organisation default)',
        security: [{ bearerAuth: [] }],
        body: updateMyPreferencesRequestSchema,
        response: { 200: meResponseSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) =>
      updateMyPreferences({
        db: app.db,
        userId: request.user.userId,
        orgId: request.user.orgId,
        locale: request.body.locale,
      }),
  );
}

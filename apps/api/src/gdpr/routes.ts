import {
  deleteOrganisationRequestSchema,
  erasePersonResponseSchema,
  idParamsSchema,
  personalDataExportSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/problem-responses';
import { deleteOrganisation } from './delete-organisation';
import { erasePerson } from './erase-person';
import { exportPerson } from './export-person';

/** Data subjects' rights (GDPR Art. 15 and 17) and deleting a whole organisation; admins only. */
export async function gdprRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/people/:id/export',
    {
      schema: {
        tags: ['people'],
        summary: 'Everything stored about a person, as JSON (GDPR Art. 15) — never their answers',
        description:
          'Profile, login, invitations received (never whether they were used: withheld while a round is ' +
          'open, unknown after it closed), rounds as a leader, focus and commitments, audit entries.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        response: { 200: personalDataExportSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const data = await exportPerson(app.db, request.user.orgId, request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="resonance-person-${data.person.id}.json"`)
        .send(data);
    },
  );

  app.delete(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Erase a person (GDPR Art. 17): personal data deleted or anonymised, results kept',
        description:
          'Deletes the login, invitations, focus, self-assessment and outbox emails, removes the person from ' +
          'rounds not yet closed as a leader, redacts their name and email in the audit log. A leader rated in a ' +
          'closed round stays as a row without name or email so anonymous results stay as they were.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        response: { 200: erasePersonResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      erasePerson(app.db, { orgId: request.user.orgId, actor: request.user, personId: request.params.id }),
  );

  app.delete(
    '/org',
    {
      schema: {
        tags: ['org'],
        summary: 'Delete the organisation and everything stored for it (confirm with its slug)',
        security: [{ bearerAuth: [] }],
        body: deleteOrganisationRequestSchema,
        response: { 204: z.null().describe('Deleted'), ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await deleteOrganisation(app.db, request.user.orgId, request.body.confirm);
      request.log.warn({ orgId: request.user.orgId }, 'organisation deleted by its admin');
      return reply.status(204).send(null);
    },
  );
}

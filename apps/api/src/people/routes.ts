import {
  idParamsSchema,
  importPeopleBodySchema,
  importPeopleQuerySchema,
  importPeopleResponseSchema,
  inviteUserResponseSchema,
  listPeopleQuerySchema,
  listPeopleResponseSchema,
  personSchema,
  updatePersonRequestSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changedFields } from '../audit/changed-fields';
import { personAuditFacts, readPersonAuditFacts } from '../audit/person-audit';
import { recordAudit } from '../audit/record-audit';
import { problemResponses } from '../errors/problem-responses';
import { importPeople } from './import-people';
import { inviteUser } from './invite-user';
import { listPeople } from './list-people';
import { updatePerson } from './update-person';

/** Org charts from HR systems run to a few thousand lines; 2 MiB leaves ample room. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

/** The organisation chart; admins only. */
export async function peopleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/people/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['people'],
        summary: 'Import the org chart (CSV or JSON): upsert by email, all or nothing',
        description:
          'CSV (`text/csv`) with the header `email,name,manager_email,role` (role: member, leader or admin; ' +
          'empty means member), or JSON `{ "people": [...] }`. Managers must be in the file or already in the ' +
          'organisation. Any error rejects the whole import and names the line and field. `?dryRun=true` ' +
          'returns the preview without writing.',
        security: [{ bearerAuth: [] }],
        consumes: ['text/csv', 'application/json'],
        querystring: importPeopleQuerySchema,
        body: importPeopleBodySchema,
        response: { 200: importPeopleResponseSchema, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request) => {
      const result = await importPeople({
        db: app.db,
        actor: request.user,
        source:
          typeof request.body === 'string'
            ? { kind: 'csv', text: request.body }
            : { kind: 'json', ...request.body },
        dryRun: request.query.dryRun,
      });
      if (!result.dryRun) {
        const { created, updated, unchanged } = result;
        await recordAudit(app.db, {
          orgId: request.user.orgId,
          actor: request.user,
          action: 'people.imported',
          details: { format: typeof request.body === 'string' ? 'csv' : 'json', created, updated, unchanged },
        });
      }
      return result;
    },
  );

  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'List people (paginated, searchable by name or email, filterable by role)',
        security: [{ bearerAuth: [] }],
        querystring: listPeopleQuerySchema,
        response: { 200: listPeopleResponseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listPeople({ db: app.db, orgId: request.user.orgId, filter: request.query }),
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change name, role, manager, locale, or deactivate (ends their sessions at once)',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        body: updatePersonRequestSchema,
        response: { 200: personSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const before = await readPersonAuditFacts(app.db, request.user.orgId, request.params.id);
      const person = await updatePerson({
        db: app.db,
        actor: request.user,
        personId: request.params.id,
        changes: request.body,
      });
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'person.updated',
        target: { type: 'person', id: person.id },
        details: before ? changedFields(before, personAuditFacts(person)) : {},
      });
      return person;
    },
  );

  app.post(
    '/people/:id/invite-user',
    {
      schema: {
        tags: ['people'],
        summary:
          'Give a leader or admin a login: emails a single-use link to set a password (none with SSO only)',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        response: { 201: inviteUserResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await inviteUser({
        db: app.db,
        mailer: app.mailer,
        webUrl: app.config.WEB_URL,
        orgId: request.user.orgId,
        personId: request.params.id,
      });
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'user.login_link_sent',
        target: { type: 'person', id: request.params.id },
        details: { role: invitation.role, signIn: invitation.signIn },
      });
      return reply.status(201).send(invitation);
    },
  );
}

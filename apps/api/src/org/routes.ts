import { orgSettingsSchema, updateOrgSettingsRequestSchema } from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changedFields } from '../audit/changed-fields';
import { recordAudit } from '../audit/record-audit';
import { problemResponses } from '../errors/problem-responses';
import { getOrgSettings } from './get-org-settings';
import { updateOrgSettings } from './update-org-settings';

/** Organisation settings; admins only. */
export async function orgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/org/settings',
    {
      schema: {
        tags: ['organisation'],
        summary:
          "The organisation's name, default locale, anonymity threshold k, time zone, small-team mode and raw-answer retention",
        security: [{ bearerAuth: [] }],
        response: { 200: orgSettingsSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => getOrgSettings({ db: app.db, orgId: request.user.orgId }),
  );

  app.patch(
    '/org/settings',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Change name, default locale, anonymity threshold k (3–10), time zone (IANA, e.g. Europe/Berlin), small-team mode (applies to rounds opened afterwards) or raw-answer retention (1–3650 days after a round closes)',
        security: [{ bearerAuth: [] }],
        body: updateOrgSettingsRequestSchema,
        response: { 200: orgSettingsSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { orgId } = request.user;
      const before = await getOrgSettings({ db: app.db, orgId });
      const settings = await updateOrgSettings({ db: app.db, orgId, changes: request.body });
      await recordAudit(app.db, {
        orgId,
        actor: request.user,
        action: 'org.settings_changed',
        target: { type: 'organisation', id: orgId },
        details: changedFields(
          {
            name: before.name,
            defaultLocale: before.defaultLocale,
            anonymityThreshold: before.anonymityThreshold,
            timeZone: before.timeZone,
            smallTeamMode: before.smallTeamMode,
            rawAnswerRetentionDays: before.rawAnswerRetentionDays,
          },
          {
            name: settings.name,
            defaultLocale: settings.defaultLocale,
            anonymityThreshold: settings.anonymityThreshold,
            timeZone: settings.timeZone,
            smallTeamMode: settings.smallTeamMode,
            rawAnswerRetentionDays: settings.rawAnswerRetentionDays,
          },
        ),
      });
      return settings;
    },
  );
}

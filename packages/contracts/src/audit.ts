import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';

/**
 * What admins did, for admins and the works council to read. Append-only in the database. It never
 * holds answers, and never who answered or was reminded.
 */
export const auditActionSchema = z.enum([
  'org.settings_changed',
  'org.sso_changed',
  'org.sso_removed',
  'people.imported',
  'person.created',
  'person.updated',
  'person.erased',
  'user.login_link_sent',
  'round.created',
  'round.updated',
  'round.scheduled',
  'round.unscheduled',
  'round.opened',
  'round.closed',
  'round.reminded',
  'round.archived',
  'round.raw_answers_deleted',
]);

export const auditEventSchema = z
  .object({
    id: uuidSchema,
    at: isoDateTimeSchema,
    actor: z
      .object({ userId: uuidSchema, email: z.string() })
      .nullable()
      .describe('null when the system acted (the scheduler)'),
    action: auditActionSchema,
    target: z
      .object({ type: z.string().describe('organisation, person or round'), id: z.string() })
      .nullable()
      .describe('What the action was done to; null for an org-chart import'),
    details: z
      .record(z.string(), z.unknown())
      .describe(
        'Small and factual; never answers, never who answered or was reminded. Edits list each changed ' +
          'field as `{ "<field>": { "from": …, "to": … } }` (org.settings_changed: name, defaultLocale, ' +
          'anonymityThreshold, timeZone, smallTeamMode, rawAnswerRetentionDays; person.updated: email, name, role, active, managerId, locale; round.updated: ' +
          'name, opensAt, closesAt, raterGroups, reminderOffsetsHours, recurrence, leaderCount). ' +
          'people.imported: `{ format, created, updated, unchanged }`; user.login_link_sent: `{ role, signIn }` (signIn sso: no link, SSO only); ' +
          'round.created: the plan (name, state, opensAt, closesAt, raterGroups, reminderOffsetsHours, ' +
          'recurrence, leaderCount); round.opened: `{ invitationsCreated }`; round.closed: `{ nextRoundId }`; ' +
          'org.sso_changed: the changed fields of issuerUrl, clientId, allowedDomains, enabled, ssoOnly, and ' +
          '`clientSecret: { changed: true }` (never the secret); org.sso_removed: `{ issuerUrl }`; ' +
          'round.reminded: `{ manual }`; round.scheduled, round.unscheduled and round.archived: `{}`; ' +
          'round.raw_answers_deleted (the retention job, system actor): `{ retentionDays, responses, answers, ' +
          'comments }`, counts of the round as a whole.',
      ),
  })
  .meta({ id: 'AuditEvent' });

export const auditListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z
    .string()
    .max(200)
    .optional()
    .describe('Cursor from `nextCursor` of the previous page: events older than that one'),
});

export const auditListResponseSchema = z
  .object({
    items: z.array(auditEventSchema).describe('Newest first'),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditList' });

export type AuditAction = z.infer<typeof auditActionSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditList = z.infer<typeof auditListResponseSchema>;

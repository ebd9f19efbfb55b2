import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';

/**
 * What admins did, for admins and the works council to read. Append-only in the database. It never
 * holds answers, and never who answered or was reminded.
 */
export const auditActionSchema = z.enum([
  'org.settings_changed',
  'people.imported',
  'person.created',
  'person.updated',
  'user.login_link_sent',
  'round.created',
  'round.updated',
  'round.scheduled',
  'round.unscheduled',
  'round.opened',
  'round.closed',
  'round.reminded',
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
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    details: z
      .record(z.string(), z.unknown())
      .describe(
        'What changed, e.g. `{ "from": 5, "to": 3 }` for k; never answers or participation of a person',
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

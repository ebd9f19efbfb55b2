import { z } from 'zod';
import { isoDateTimeSchema, localeSchema, uuidSchema } from './common';
import { personRoleSchema } from './people';
import { raterGroupSchema, roundStateSchema } from './rounds';

/**
 * What the product can say about an invitation's use. Never "used" or "not used": while a round is
 * open that would tell the admin who answered (issue 7), and once it closed nobody knows any more.
 */
export const invitationUseSchema = z
  .enum(['withheld-while-open', 'unknown-after-close'])
  .describe(
    'withheld-while-open: the product knows, but no admin may learn it (the person’s own link shows it); ' +
      'unknown-after-close: the ballot box was emptied at close, the use is known to no one',
  );

const roundRefSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  state: roundStateSchema,
  opensAt: isoDateTimeSchema,
  closesAt: isoDateTimeSchema,
});

/** GDPR Art. 15: everything stored about one person, never their answers (nothing can attribute them). */
export const personalDataExportSchema = z
  .object({
    exportedAt: isoDateTimeSchema,
    organisation: z.object({ id: uuidSchema, name: z.string() }),
    person: z.object({
      id: uuidSchema,
      name: z.string(),
      email: z.string(),
      role: personRoleSchema,
      active: z.boolean(),
      locale: localeSchema.nullable(),
      manager: z.object({ id: uuidSchema, name: z.string() }).nullable(),
      directReports: z.number().int().describe('How many people have this person as their manager'),
      teamSince: isoDateTimeSchema,
      createdAt: isoDateTimeSchema,
      updatedAt: isoDateTimeSchema,
    }),
    login: z
      .object({
        userId: uuidSchema,
        email: z.string(),
        role: z.enum(['admin', 'leader']),
        active: z.boolean(),
        locale: localeSchema.nullable(),
        hasPassword: z.boolean(),
        createdAt: isoDateTimeSchema,
      })
      .nullable()
      .describe('The login, if the person has one (never its password hash or tokens)'),
    invitations: z
      .array(
        z.object({
          round: roundRefSchema,
          leader: z.object({ id: uuidSchema, name: z.string() }),
          raterGroup: raterGroupSchema,
          invitedAt: isoDateTimeSchema,
          use: invitationUseSchema,
        }),
      )
      .describe('Invitations to rate someone; whether an answer came from it is deliberately not in here'),
    roundsAsLeader: z.array(roundRefSchema).describe('Rounds in which others rated this person as a leader'),
    focuses: z
      .array(
        z.object({
          roundId: uuidSchema,
          shared: z.boolean(),
          theses: z.array(
            z.object({
              thesisKey: z.string(),
              commitment: z.string(),
              dueDate: z.string().nullable(),
              progress: z.string(),
              progressNote: z.string().nullable(),
            }),
          ),
        }),
      )
      .describe('What this person chose to work on as a leader'),
    auditEvents: z
      .array(
        z.object({
          id: uuidSchema,
          at: isoDateTimeSchema,
          action: z.string(),
          role: z.enum(['actor', 'target']),
          details: z
            .record(z.string(), z.unknown())
            .describe(
              'Only for entries that concern the person; empty for what they did to others (their data)',
            ),
        }),
      )
      .describe('Audit log entries this person made (as an admin) or that concern them'),
    notIncluded: z.array(z.string()).describe('What is not in this export, and why'),
  })
  .meta({ id: 'PersonalDataExport' });

export const erasePersonResponseSchema = z
  .object({
    personId: uuidSchema,
    outcome: z
      .enum(['deleted', 'anonymised'])
      .describe(
        'deleted: nothing referred to the person; anonymised: a row without name or email stays, because ' +
          'they were rated as a leader (the organisation’s anonymous results remain under it) or were invited ' +
          'to rate (the invitations are the record the differencing check of later rounds compares)',
      ),
    invitationsKept: z
      .number()
      .int()
      .describe('Invitations the person received, kept under the nameless row (no name, email or login)'),
    loginRemoved: z.boolean(),
    removedFromRounds: z
      .number()
      .int()
      .describe('Draft, scheduled or open rounds the person was taken out of as a leader'),
  })
  .meta({ id: 'PersonErasure' });

export const deleteOrganisationRequestSchema = z
  .strictObject({
    confirm: z.string().min(1).max(200).describe('The organisation’s slug, typed to confirm'),
  })
  .meta({ id: 'DeleteOrganisationRequest' });

export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
export type PersonErasure = z.infer<typeof erasePersonResponseSchema>;
export type DeleteOrganisationRequest = z.infer<typeof deleteOrganisationRequestSchema>;

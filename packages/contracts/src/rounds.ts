import { RATER_GROUPS, ROUND_STATES } from '@resonance/domain';
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';

export const raterGroupSchema = z.enum(RATER_GROUPS);
export const roundStateSchema = z.enum(ROUND_STATES);
export const recurrenceSchema = z
  .enum(['none', 'monthly', 'quarterly', 'half_yearly', 'yearly'])
  .describe('After the round closes, the next round of the series is scheduled this far ahead');

const uniqueItems = <T>(items: readonly T[]) => new Set(items).size === items.length;

const roundFields = {
  name: z.string().trim().min(1).max(200),
  leaderIds: z
    .array(uuidSchema)
    .min(1)
    .max(1000)
    .refine(uniqueItems, 'must not contain duplicates')
    .describe('People (from the org chart) whose leadership this round covers'),
  raterGroups: z
    .array(raterGroupSchema)
    .min(1)
    .refine(uniqueItems, 'must not contain duplicates')
    .describe('Who rates each leader: their direct reports, peers (same manager), manager, and/or themself'),
  opensAt: isoDateTimeSchema,
  closesAt: isoDateTimeSchema,
  reminderOffsetsHours: z
    .array(
      z
        .int()
        .min(1)
        .max(24 * 366),
    )
    .max(10)
    .refine(uniqueItems, 'must not contain duplicates')
    .describe('Hours before closing at which non-responders get a reminder'),
  recurrence: recurrenceSchema,
};

export const createRoundRequestSchema = z
  .strictObject({
    ...roundFields,
    reminderOffsetsHours: roundFields.reminderOffsetsHours.default([]),
    recurrence: recurrenceSchema.default('none'),
    schedule: z
      .boolean()
      .default(false)
      .describe('true: scheduled at once (opens on time); false: saved as a draft'),
  })
  .meta({ id: 'CreateRoundRequest' });

export const updateRoundRequestSchema = z
  .strictObject({
    name: roundFields.name.optional(),
    leaderIds: roundFields.leaderIds.optional(),
    raterGroups: roundFields.raterGroups.optional(),
    opensAt: roundFields.opensAt.optional(),
    closesAt: roundFields.closesAt.optional(),
    reminderOffsetsHours: roundFields.reminderOffsetsHours.optional(),
    recurrence: recurrenceSchema.optional(),
    schedule: z
      .boolean()
      .optional()
      .describe('true: schedule a draft; false: take a scheduled round back to draft'),
  })
  .describe(
    'Before opening, everything can change. Once open, only name, reminderOffsetsHours, recurrence and a later closesAt: the invitations promise leaders, rater groups, questionnaire and k.',
  )
  .meta({ id: 'UpdateRoundRequest' });

/**
 * Participation passed through the privacy gate: below k answers even the
 * counts are withheld, so a small group cannot reveal who has answered.
 */
export const gatedParticipationSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('shown'),
      invited: z.int().min(0),
      answered: z.int().min(0),
      rate: z.number().min(0).max(1),
    }),
    z.object({ status: z.literal('insufficient') }),
  ])
  .meta({ id: 'GatedParticipation' });

export const roundActionSchema = z.enum([
  'edit',
  'schedule',
  'unschedule',
  'open',
  'close',
  'remind',
  'archive',
]);

export const roundListQuerySchema = z.object({
  archived: z
    .enum(['exclude', 'include', 'only'])
    .default('exclude')
    .describe('Archived rounds are left out of the list unless asked for; their results stay'),
});

export const archiveRoundResponseSchema = z
  .object({ roundId: uuidSchema, state: roundStateSchema })
  .meta({ id: 'ArchiveRoundResult' });

export const roundSummarySchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    state: roundStateSchema,
    questionnaireVersion: z.int(),
    raterGroups: z.array(raterGroupSchema),
    opensAt: isoDateTimeSchema,
    closesAt: isoDateTimeSchema,
    reminderOffsetsHours: z.array(z.int()),
    recurrence: recurrenceSchema,
    previousRoundId: uuidSchema.nullable(),
    nextRoundId: uuidSchema.nullable(),
    openedAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    leaderCount: z.int().min(0),
    anonymityThreshold: z
      .int()
      .nullable()
      .describe('The k this round promised its raters, fixed when it opened; null before'),
    smallTeamMode: z
      .boolean()
      .nullable()
      .describe(
        "Whether this round combines small rater groups (the organisation's setting when it opened, fixed like k); null before",
      ),
    k: z
      .int()
      .describe("The k its figures use: the larger of the round's own and the organisation's current k"),
    /** Invitations issued when the round opened (0 before): known from the org chart, reveals no behaviour. */
    invitationCount: z.int().min(0),
    /** Sum over the leader × rater-group units that reach k; units below k are left out, as everywhere. */
    participation: gatedParticipationSchema,
    participationAsOf: isoDateTimeSchema
      .nullable()
      .describe(
        'While the round is open: when the participation counts were taken. They are refreshed at fixed times (every 6 hours from midnight UTC), never live, so watching a count cannot tell when one person answered.',
      ),
    allowedActions: z.array(roundActionSchema),
  })
  .meta({ id: 'RoundSummary' });

export const roundListResponseSchema = z
  .object({ items: z.array(roundSummarySchema) })
  .meta({ id: 'RoundList' });

export const roundGroupParticipationSchema = z.object({
  raterGroup: raterGroupSchema,
  /** Manager and self usually consist of one known person. */
  identifiable: z.boolean(),
  participation: gatedParticipationSchema,
});

export const roundLeaderSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  email: z.string(),
  /** Sum over this leader's rater groups that reach k. */
  participation: gatedParticipationSchema,
  groups: z.array(roundGroupParticipationSchema),
});

export const roundReminderSchema = z.object({
  offsetHours: z.int(),
  /** When the reminder is due; null when the offset falls outside the open window. */
  dueAt: isoDateTimeSchema.nullable(),
  sentAt: isoDateTimeSchema.nullable(),
});

/**
 * A group that has people who are new to the organisation chart or the team (rule 11): an admin who
 * pads a small team with addresses they control could read the one real rater's answers, so raters
 * see this too, before they answer, and every change to the org chart is in the audit log.
 */
export const roundPaddingWarningSchema = z.object({
  leaderId: uuidSchema,
  leaderName: z.string(),
  raterGroup: raterGroupSchema,
  invited: z.int().min(0).describe('People invited (or to be invited) in this group'),
  recentlyJoined: z
    .int()
    .min(1)
    .describe('Of them, people who joined the organisation chart or this team in the 30 days before opening'),
});

/** Retention (issue 12): when the round's raw answers and comments were or will be deleted. */
export const roundRawAnswersSchema = z
  .object({
    retentionDays: z
      .int()
      .describe("The organisation's setting: raw answers are deleted this many days after a round closed"),
    dueAt: isoDateTimeSchema
      .nullable()
      .describe(
        'When the scheduler deletes them (within the hour after): closing time plus retentionDays; null before the round closed and once they are deleted',
      ),
    deletedAt: isoDateTimeSchema
      .nullable()
      .describe('When they were deleted; the stored results every dashboard, trend and export shows stay'),
  })
  .meta({ id: 'RoundRawAnswers' });

export const roundDetailSchema = roundSummarySchema
  .extend({
    rawAnswers: roundRawAnswersSchema,
    leaders: z.array(roundLeaderSchema),
    reminders: z.array(roundReminderSchema),
    paddingWarnings: z
      .array(roundPaddingWarningSchema)
      .describe('Before opening: from the org chart as it is now; from opening on: as fixed then'),
  })
  .meta({ id: 'RoundDetail' });

export const openRoundResponseSchema = z
  .object({
    roundId: uuidSchema,
    state: roundStateSchema,
    invitationsCreated: z.int().min(0),
    emailsQueued: z
      .int()
      .min(0)
      .describe(
        'Invitation emails queued in the same transaction; they are sent right after, from the durable mail queue',
      ),
  })
  .meta({ id: 'OpenRoundResult' });

export const closeRoundResponseSchema = z
  .object({
    roundId: uuidSchema,
    state: roundStateSchema,
    nextRoundId: uuidSchema.nullable().describe('The next round of a recurring series, scheduled on close'),
  })
  .meta({ id: 'CloseRoundResult' });

/**
 * Deliberately without a count: a number of reminder emails would count people in groups that are
 * hidden below k, and, with the others deactivated, say whether one chosen person has answered.
 */
export const remindRoundResponseSchema = z
  .object({
    status: z.literal('sent'),
    message: z.string(),
  })
  .meta({ id: 'RemindRoundResult' });

export const outboxEmailSchema = z.object({
  id: uuidSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: isoDateTimeSchema,
});

export const mailQueueCountsSchema = z
  .object({
    pending: z.int().min(0).describe('Invitation emails waiting to be sent, or to be retried'),
    sent: z.int().min(0),
    failed: z
      .int()
      .min(0)
      .describe('Given up after repeated failures; the next reminder carries the same link'),
  })
  .meta({ id: 'MailQueueCounts' });

export const outboxListResponseSchema = z
  .object({
    items: z.array(outboxEmailSchema),
    queue: mailQueueCountsSchema.describe("The organisation's invitation emails in the mail queue"),
  })
  .meta({ id: 'OutboxList' });

export const outboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type RaterGroupValue = z.infer<typeof raterGroupSchema>;
export type RoundStateValue = z.infer<typeof roundStateSchema>;
export type RecurrenceValue = z.infer<typeof recurrenceSchema>;
export type CreateRoundRequest = z.input<typeof createRoundRequestSchema>;
export type UpdateRoundRequest = z.input<typeof updateRoundRequestSchema>;
export type CreateRoundInput = z.output<typeof createRoundRequestSchema>;
export type UpdateRoundInput = z.output<typeof updateRoundRequestSchema>;
export type GatedParticipation = z.infer<typeof gatedParticipationSchema>;
export type RoundAction = z.infer<typeof roundActionSchema>;
export type RoundListQuery = z.input<typeof roundListQuerySchema>;
export type ArchiveRoundResponse = z.infer<typeof archiveRoundResponseSchema>;
export type RoundSummary = z.infer<typeof roundSummarySchema>;
export type RoundDetail = z.infer<typeof roundDetailSchema>;
export type OpenRoundResponse = z.infer<typeof openRoundResponseSchema>;
export type CloseRoundResponse = z.infer<typeof closeRoundResponseSchema>;
export type RemindRoundResponse = z.infer<typeof remindRoundResponseSchema>;
export type OutboxEmail = z.infer<typeof outboxEmailSchema>;
export type MailQueueCountsValue = z.infer<typeof mailQueueCountsSchema>;
export type OutboxListResponse = z.infer<typeof outboxListResponseSchema>;
export type RoundPaddingWarning = z.infer<typeof roundPaddingWarningSchema>;

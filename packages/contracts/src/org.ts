import {
  DEFAULT_RAW_ANSWER_RETENTION_DAYS,
  isSupportedTimeZone,
  MAX_ANONYMITY_THRESHOLD,
  MAX_RAW_ANSWER_RETENTION_DAYS,
  MIN_ANONYMITY_THRESHOLD,
  MIN_RAW_ANSWER_RETENTION_DAYS,
} from '@resonance/domain';
import { z } from 'zod';
import { localeSchema, uuidSchema } from './common';

export const anonymityThresholdSchema = z
  .int('must be a whole number')
  .min(
    MIN_ANONYMITY_THRESHOLD,
    `must be at least ${MIN_ANONYMITY_THRESHOLD}: smaller groups could be re-identified`,
  )
  .max(MAX_ANONYMITY_THRESHOLD, `must be at most ${MAX_ANONYMITY_THRESHOLD}`)
  .describe('k: a rater group is shown only with at least this many responses');

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isSupportedTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  .describe('IANA time zone rounds are scheduled and times are shown in, e.g. Europe/Berlin')
  .meta({ example: 'Europe/Berlin' });

export const smallTeamModeSchema = z
  .boolean()
  .describe(
    "Small-team mode: a leader whose rater groups are each below k, but together reach k, gets one combined figure per round, and then none of that leader's groups is shown on its own. A round keeps the value it had when it opened.",
  );

const RETENTION_NOTE = `Raw answers and comments of a closed round are deleted this many days after it closed (default ${DEFAULT_RAW_ANSWER_RETENTION_DAYS}); its stored results, which every dashboard, trend, heatmap and export shows, stay. A change applies to every closed round whose raw answers are still kept.`;

export const rawAnswerRetentionDaysSchema = z
  .int('must be a whole number of days')
  .min(MIN_RAW_ANSWER_RETENTION_DAYS, `must be at least ${MIN_RAW_ANSWER_RETENTION_DAYS} day`)
  .max(MAX_RAW_ANSWER_RETENTION_DAYS, `must be at most ${MAX_RAW_ANSWER_RETENTION_DAYS} days (ten years)`)
  .describe(RETENTION_NOTE);

export const orgSettingsSchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    slug: z.string(),
    defaultLocale: localeSchema,
    anonymityThreshold: z.int(),
    timeZone: z.string().describe('IANA time zone rounds are scheduled and times are shown in'),
    smallTeamMode: smallTeamModeSchema,
    rawAnswerRetentionDays: z.int().describe(RETENTION_NOTE),
  })
  .meta({ id: 'OrgSettings' });

export const updateOrgSettingsRequestSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120).optional(),
    defaultLocale: localeSchema.optional(),
    anonymityThreshold: anonymityThresholdSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    smallTeamMode: smallTeamModeSchema.optional(),
    rawAnswerRetentionDays: rawAnswerRetentionDaysSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one setting' });

export type OrgSettings = z.infer<typeof orgSettingsSchema>;
export type UpdateOrgSettingsRequest = z.infer<typeof updateOrgSettingsRequestSchema>;

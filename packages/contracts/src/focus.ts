import {
  COMMITMENT_MAX_LENGTH,
  FOCUS_PROGRESS,
  MAX_FOCUS_THESES,
  MIN_FOCUS_THESES,
  PROGRESS_NOTE_MAX_LENGTH,
} from '@resonance/domain';
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';
import { raterGroupSchema, roundStateSchema } from './rounds';
import { thesisKeySchema } from './survey';

export const focusProgressSchema = z
  .enum(FOCUS_PROGRESS)
  .describe('How far the leader got with a commitment; the leader’s own account');

/** A calendar day, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date();

export const focusThesisInputSchema = z.strictObject({
  thesis: thesisKeySchema,
  commitment: z
    .string()
    .trim()
    .min(1)
    .max(COMMITMENT_MAX_LENGTH)
    .describe('What the leader will try, in their own words'),
  dueDate: isoDateSchema.nullable().default(null),
  progress: focusProgressSchema.default('not_started'),
  progressNote: z.string().trim().max(PROGRESS_NOTE_MAX_LENGTH).nullable().default(null),
});

export const focusInputSchema = z
  .strictObject({
    theses: z.array(focusThesisInputSchema).min(MIN_FOCUS_THESES).max(MAX_FOCUS_THESES),
    shared: z
      .boolean()
      .describe(
        "true: the leader's next round shows the raters these theses and commitments before they answer",
      ),
  })
  .meta({ id: 'FocusInput' });

export const focusParamsSchema = z.strictObject({ leaderId: uuidSchema, roundId: uuidSchema });
export const focusLeaderParamsSchema = z.strictObject({ leaderId: uuidSchema });

/**
 * Follow-up answers after the privacy gate, like GatedStats: `insufficient` carries no number; a
 * shown figure rests on at least k raters who judged. "Can't judge" is counted as answered but
 * not as a judgement.
 */
export const gatedFollowUpSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('shown'),
      n: z.int().min(3).describe('Raters who judged (at least k): the base of every share'),
      noticed: z.int().min(0).describe('Of them, clearly or somewhat better'),
      counts: z.object({
        clearly_better: z.int().min(0),
        somewhat_better: z.int().min(0),
        no_change: z.int().min(0),
        worse: z.int().min(0),
      }),
      cantJudge: z.int().min(0).describe('Raters of the shown groups who answered "can\'t judge"'),
    }),
    z.object({ status: z.literal('insufficient') }),
  ])
  .meta({ id: 'GatedFollowUp' });

export const followUpThesisResultSchema = z.object({
  thesis: thesisKeySchema,
  others: gatedFollowUpSchema.describe('Everyone except the leader, from the rater groups shown'),
  groups: z.array(
    z.object({ raterGroup: raterGroupSchema, identifiable: z.boolean(), result: gatedFollowUpSchema }),
  ),
});

export const leaderFocusSchema = z
  .object({
    round: z.object({ id: uuidSchema, name: z.string(), closesAt: isoDateTimeSchema }),
    shared: z.boolean(),
    editable: z
      .boolean()
      .describe(
        'Theses and commitments can still change: no later round of this leader has opened yet. Progress and its note stay editable.',
      ),
    theses: z.array(
      z.object({
        thesis: thesisKeySchema,
        commitment: z.string(),
        dueDate: isoDateSchema.nullable(),
        progress: focusProgressSchema,
        progressNote: z.string().nullable(),
      }),
    ),
    followUp: z
      .object({
        round: z.object({ id: uuidSchema, name: z.string(), state: roundStateSchema }),
        results: z
          .array(followUpThesisResultSchema)
          .nullable()
          .describe('null until that round closes: nothing updates answer by answer'),
        combinedGroups: z
          .boolean()
          .describe(
            "Small-team mode combined this leader's rater groups in that round, as for its scores: `others` is all raters together and no group is shown alone",
          ),
      })
      .nullable()
      .describe('The later round that asked the raters about this focus, once it has opened'),
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'LeaderFocus' });

export const leaderFocusListSchema = z
  .object({
    leader: z.object({ id: uuidSchema, name: z.string() }),
    focuses: z.array(leaderFocusSchema).describe('Newest round first'),
  })
  .meta({ id: 'LeaderFocusList' });

export const followThroughSchema = z
  .object({
    round: z.object({ id: uuidSchema, name: z.string(), state: roundStateSchema }),
    leaders: z.int().min(0).describe('Leaders the round covered'),
    withFocus: z.int().min(0).describe('Of them, how many set a focus after this round'),
    shared: z.int().min(0).describe('Of those, how many shared it with their raters'),
  })
  .meta({ id: 'FollowThrough' });

export type FocusInput = z.input<typeof focusInputSchema>;
export type FocusInputParsed = z.output<typeof focusInputSchema>;
export type LeaderFocus = z.infer<typeof leaderFocusSchema>;
export type LeaderFocusList = z.infer<typeof leaderFocusListSchema>;
export type GatedFollowUp = z.infer<typeof gatedFollowUpSchema>;
export type FollowThrough = z.infer<typeof followThroughSchema>;

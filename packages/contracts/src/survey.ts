import { LOCALES, THESIS_KEYS } from '@resonance/domain';
import { z } from 'zod';
import { isoDateTimeSchema } from './common';
import { raterGroupSchema } from './rounds';

export const COMMENT_MAX_LENGTH = 2000;
/** Submitting an answer is the only request a rater makes; anything larger is not a survey answer. */
export const SURVEY_BODY_LIMIT_BYTES = 64 * 1024;

export const thesisKeySchema = z.enum(THESIS_KEYS);

/**
 * The invitation token travels only in this header (never in a URL), taken by the web app from the
 * fragment of the email link.
 */
export const inviteTokenHeadersSchema = z.object({
  'x-invite-token': z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('The token from the invitation link (`/survey#t=<token>`)'),
});

export const surveyQuerySchema = z.object({
  locale: z.enum(LOCALES).optional().describe('Overrides Accept-Language and the invitation language'),
});

const scoreSchema = z
  .int()
  .min(1)
  .max(5)
  .nullable()
  .describe("1 = strongly disagree … 5 = strongly agree; null = can't judge");

export const surveyResponseRequestSchema = z
  .strictObject({
    answers: z
      .array(z.strictObject({ itemKey: z.string().min(1).max(64), score: scoreSchema }))
      .min(1)
      .max(200)
      .describe(
        'Every item of the questionnaire exactly once, and every follow-up item (score 1..4 or null)',
      ),
    comments: z
      .array(
        z.strictObject({
          thesisKey: thesisKeySchema,
          text: z.string().max(COMMENT_MAX_LENGTH),
        }),
      )
      .max(THESIS_KEYS.length)
      .default([])
      .describe('Optional free text per thesis; blank texts are ignored'),
    keepDoing: z.string().max(COMMENT_MAX_LENGTH).optional().describe('What should the leader keep doing?'),
    startDoing: z.string().max(COMMENT_MAX_LENGTH).optional().describe('What should the leader start doing?'),
  })
  .meta({ id: 'SurveyResponseRequest' });

export const surveyItemSchema = z.object({ key: z.string(), text: z.string() });

export const surveyThesisSchema = z.object({
  key: thesisKeySchema,
  title: z.string(),
  summary: z.string(),
  commentPrompt: z.string(),
  items: z.array(surveyItemSchema),
});

export const surveyResponseSchema = z
  .object({
    locale: z.enum(LOCALES),
    /** `self` for the leader's self-assessment (items in the first person), `other` for everyone else. */
    perspective: z.enum(['self', 'other']),
    organisation: z.object({
      name: z.string(),
      timeZone: z.string().describe('IANA zone the closing time is shown in'),
    }),
    leader: z.object({ name: z.string() }),
    raterGroup: raterGroupSchema,
    raterGroupLabel: z.string(),
    round: z.object({ name: z.string(), closesAt: isoDateTimeSchema }),
    anonymity: z.object({
      threshold: z
        .int()
        .describe(
          'k of this round, fixed when it opened: a group is shown only with at least this many responses',
        ),
      group: z
        .object({
          invited: z.int().min(0).describe("People invited in the rater's group for this leader"),
          recentlyJoined: z
            .int()
            .min(0)
            .describe(
              'Of them, people who joined the organisation chart or the team in the 30 days before the round opened',
            ),
          recentDays: z.int(),
        })
        .describe('Lets raters see a small group padded with new people before they answer'),
      identifiableGroup: z.boolean().describe('true for the manager and self groups'),
      explanation: z.array(z.string()).describe('Plain-language paragraphs: who sees what, and when'),
    }),
    scale: z.object({
      options: z.array(z.object({ score: z.int(), label: z.string() })),
      cantJudgeLabel: z.string(),
    }),
    questionnaire: z.object({
      version: z.int(),
      theses: z.array(surveyThesisSchema),
      openQuestions: z.object({ keepDoing: z.string(), startDoing: z.string() }),
    }),
    limits: z.object({ commentMaxLength: z.int() }),
    followUp: z
      .object({
        shared: z
          .array(z.object({ thesis: thesisKeySchema, title: z.string(), commitment: z.string() }))
          .describe('What the leader chose to work on, shown before answering; empty when not shared'),
        items: z
          .array(z.object({ key: z.string(), thesis: thesisKeySchema, text: z.string() }))
          .describe('One extra item per focus thesis, answered like the others (score or null)'),
        options: z
          .array(z.object({ score: z.int().min(1).max(4), label: z.string() }))
          .describe('4 = clearly better, 3 = somewhat better, 2 = no change, 1 = worse'),
        cantJudgeLabel: z.string(),
      })
      .nullable()
      .describe("The follow-up on the leader's focus from their previous round; null when there is none"),
  })
  .meta({ id: 'Survey' });

export const surveySubmittedSchema = z
  .object({
    status: z.literal('recorded'),
    message: z.string(),
  })
  .meta({ id: 'SurveySubmitted' });

export type SurveyResponseRequest = z.input<typeof surveyResponseRequestSchema>;
export type SurveyResponseInput = z.output<typeof surveyResponseRequestSchema>;
export type Survey = z.infer<typeof surveyResponseSchema>;
export type SurveySubmitted = z.infer<typeof surveySubmittedSchema>;

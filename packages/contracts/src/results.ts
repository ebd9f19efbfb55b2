import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';
import { raterGroupSchema } from './rounds';
import { thesisKeySchema } from './survey';

/**
 * One figure after the privacy gate. `insufficient` carries no number at all (no mean, count,
 * distribution or share). A shown figure rests on at least k raters and says exactly how many:
 * counts are shown openly, because hiding them while showing shares only pretended to (the shares
 * of a band gave the exact n away). Protection comes from what is never shown: groups below k, and
 * groups withheld against cross-round differencing.
 */
export const gatedStatsSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('shown'),
      mean: z.number().min(1).max(5),
      ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% confidence interval of the mean'),
      favourablePercent: z
        .int()
        .min(0)
        .max(100)
        .describe(
          "Share of raters whose thesis score (their mean over the thesis' items) is 3.5 or more, i.e. in buckets 4–5 of the distribution, in percent",
        ),
      distributionPercent: z
        .array(z.int().min(0).max(100))
        .length(5)
        .describe('Share of raters per scale point 1..5, in percent'),
      n: z.int().min(3).describe('How many raters scored this thesis (at least k)'),
    }),
    z.object({ status: z.literal('insufficient') }),
  ])
  .meta({ id: 'GatedStats' });

export const resultsRoundRefSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  opensAt: isoDateTimeSchema,
  closesAt: isoDateTimeSchema,
});

export const gatedGroupCountSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('shown'), count: z.int().min(3).describe('Responses of the group') }),
  z.object({ status: z.literal('insufficient') }),
]);

export const thesisChangeSchema = z.object({
  previousRoundId: uuidSchema,
  previousMean: z.number(),
  delta: z.number().describe('Current minus previous mean'),
  beyondNoise: z
    .boolean()
    .describe(
      "true when Welch's two-sample t-test on the two rounds (n, mean, spread) gives p < 0.05: a change this large would rarely come from chance alone",
    ),
  pValue: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(
      'Two-sided p of that test; null when it cannot be computed (fewer than two raters, or no spread in either round)',
    ),
});

export const highlightReasonSchema = z
  .enum(['highest_score', 'rise', 'above_org', 'fall', 'blind_spot', 'below_org', 'lowest_score'])
  .describe(
    'Why a thesis was picked: rise/fall = changed since the previous round beyond noise (Welch, p < 0.05); above_org/below_org = at least 0.3 from the organisation average; blind_spot = self at least 0.5 above the others; otherwise its rank',
  );

export const reportHighlightSchema = z.object({ thesis: thesisKeySchema, reason: highlightReasonSchema });

export const leaderThesisResultSchema = z.object({
  thesis: thesisKeySchema,
  /** Everyone except the leader, from the rater groups that reach k (or all of them, combined). */
  others: gatedStatsSchema,
  change: thesisChangeSchema.nullable(),
  self: z.object({ score: z.number() }).nullable().describe("The leader's self-assessment (identifiable)"),
  selfOtherGap: z
    .object({ gap: z.number(), kind: z.enum(['blind_spot', 'hidden_strength', 'aligned']) })
    .nullable(),
  orgAverage: gatedStatsSchema.describe('Organisation benchmark from gated cells of at least three leaders'),
  groups: z.array(
    z.object({ raterGroup: raterGroupSchema, identifiable: z.boolean(), stats: gatedStatsSchema }),
  ),
  trend: z.array(
    z.object({
      roundId: uuidSchema,
      mean: z.number().nullable().describe('null where the round was insufficient'),
      ci95: z.tuple([z.number(), z.number()]).nullable(),
      self: z
        .number()
        .nullable()
        .describe("The leader's self score in that round; null when not given or not part of this view"),
      orgMean: z
        .number()
        .nullable()
        .describe("The organisation benchmark's mean in that round, where it was shown"),
    }),
  ),
  comments: z.array(z.string()).describe('Gated and shuffled; dated only to the round'),
});

export const leaderDashboardSchema = z
  .object({
    leader: z.object({ id: uuidSchema, name: z.string() }),
    round: resultsRoundRefSchema.extend({ questionnaireVersion: z.int() }),
    /** Every closed round of this leader, oldest first: the axis of the trend series. */
    rounds: z.array(resultsRoundRefSchema),
    k: z.int(),
    combinedGroups: z
      .boolean()
      .describe(
        "true when small-team mode combined the leader's rater groups in this round: each group was below k, together they reached k, so every figure is one 'all raters' figure and no group is shown on its own",
      ),
    groups: z.array(
      z.object({
        raterGroup: raterGroupSchema,
        identifiable: z.boolean(),
        responses: gatedGroupCountSchema,
        withheld: z
          .boolean()
          .describe(
            'true when the group is hidden this round although it may have k responses: its membership changed by fewer than k people since an earlier round, so comparing the two would single people out',
          ),
      }),
    ),
    theses: z.array(leaderThesisResultSchema),
    keepDoing: z.array(z.string()),
    startDoing: z.array(z.string()),
    highlights: z
      .object({
        strengths: z.array(reportHighlightSchema).max(2),
        potential: z.array(reportHighlightSchema).max(2),
      })
      .describe(
        'What the report leads with: up to two strengths and two theses with the most potential, ranked from shown figures only',
      ),
    strongest: thesisKeySchema
      .nullable()
      .describe('Highest shown score; null with fewer than two shown theses'),
    weakest: thesisKeySchema.nullable().describe('Lowest shown score: what to work on next'),
  })
  .meta({ id: 'LeaderDashboard' });

export const leaderResultsParamsSchema = z.strictObject({ leaderId: uuidSchema });
export const leaderResultsQuerySchema = z.object({
  round: uuidSchema.optional().describe("A closed round; defaults to the leader's latest closed round"),
});

export const roundResultsParamsSchema = z.strictObject({ roundId: uuidSchema });

export const heatmapSchema = z
  .object({
    round: resultsRoundRefSchema,
    k: z.int(),
    theses: z.array(thesisKeySchema),
    leaders: z.array(
      z.object({
        leaderId: uuidSchema,
        name: z.string(),
        cells: z.array(z.object({ thesis: thesisKeySchema, stats: gatedStatsSchema })),
      }),
    ),
    orgAverage: z.array(z.object({ thesis: thesisKeySchema, stats: gatedStatsSchema })),
  })
  .meta({ id: 'Heatmap' });

export type GatedStats = z.infer<typeof gatedStatsSchema>;
export type LeaderDashboard = z.infer<typeof leaderDashboardSchema>;
export type LeaderThesisResult = z.infer<typeof leaderThesisResultSchema>;
export type Heatmap = z.infer<typeof heatmapSchema>;

import {
  focusInputSchema,
  focusLeaderParamsSchema,
  focusParamsSchema,
  followThroughSchema,
  idParamsSchema,
  leaderFocusListSchema,
  leaderFocusSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/problem-responses';
import {
  assertOwnFocus,
  deleteLeaderFocus,
  listLeaderFocus,
  roundFollowThrough,
  saveLeaderFocus,
} from './leader-focus';

const FOLLOW_UP_NOTE =
  'Follow-up answers pass the privacy gate like every score: a rater group shows only with at least k responses of which at least k judged ("can\'t judge" counts as answered, not as a judgement), withheld groups and self are left out of every total, manager is marked identifiable, and nothing is shown before the round closes.';

/** Focus and commitments after a round (issue 10): the leader's own, readable by admins. */
export async function focusRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  const common = { tags: ['focus'], security: [{ bearerAuth: [] }] };
  const leaderOf = (request: { params: unknown }) => (request.params as { leaderId?: string }).leaderId;

  app.get(
    '/leaders/:leaderId/focus',
    {
      onRequest: app.requireAdminOrLeader(leaderOf),
      schema: {
        ...common,
        summary:
          "A leader's focus and commitments per closed round, with the follow-up results; that leader or an admin",
        description: `${FOLLOW_UP_NOTE} Other leaders get 404.`,
        params: focusLeaderParamsSchema,
        response: { 200: leaderFocusListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      listLeaderFocus({ db: app.db, orgId: request.user.orgId, leaderId: request.params.leaderId }),
  );

  app.put(
    '/leaders/:leaderId/focus/:roundId',
    {
      onRequest: app.requireAdminOrLeader(leaderOf),
      schema: {
        ...common,
        summary: 'Set or replace my focus after a closed round: 1–3 theses, a commitment each, shared or not',
        description:
          'Only the leader themself (admins: 403, other leaders: 404). Until the leader’s next round opens everything can change; then theses, commitments, due dates and sharing are fixed (409 `focus-fixed`) and only progress and its note can change. 409 `round-not-closed` before the round closes.',
        params: focusParamsSchema,
        body: focusInputSchema,
        response: { 200: leaderFocusSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => {
      assertOwnFocus(request.user, request.params.leaderId);
      return saveLeaderFocus({
        db: app.db,
        orgId: request.user.orgId,
        leaderId: request.params.leaderId,
        roundId: request.params.roundId,
        input: request.body,
      });
    },
  );

  app.delete(
    '/leaders/:leaderId/focus/:roundId',
    {
      onRequest: app.requireAdminOrLeader(leaderOf),
      schema: {
        ...common,
        summary: 'Remove my focus of a round, while no later round has asked about it',
        description:
          'Only the leader themself (admins: 403, other leaders: 404). 409 `focus-fixed` once asked.',
        params: focusParamsSchema,
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      assertOwnFocus(request.user, request.params.leaderId);
      await deleteLeaderFocus({
        db: app.db,
        orgId: request.user.orgId,
        leaderId: request.params.leaderId,
        roundId: request.params.roundId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/rounds/:id/follow-through',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        ...common,
        summary: 'How many of the round’s leaders set a focus after it, and how many shared it (admins)',
        description: 'Counts only, never who: a figure about leaders, not raters.',
        params: idParamsSchema,
        response: { 200: followThroughSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      roundFollowThrough({ db: app.db, orgId: request.user.orgId, roundId: request.params.id }),
  );
}

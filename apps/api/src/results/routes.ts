import {
  heatmapSchema,
  leaderDashboardSchema,
  leaderResultsParamsSchema,
  leaderResultsQuerySchema,
  roundResultsParamsSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/problem-responses';
import { exportRoundCsv } from './export-round-csv';
import { getLeaderDashboard } from './leader-dashboard';
import { getRoundHeatmap } from './round-heatmap';

/**
 * The dashboard and the heatmap are assembled field by field from stored gated figures, and
 * TypeScript holds them to the contract; validating them again on every reply (the global zod
 * serializer) was a third of a dashboard's CPU and half of a heatmap's. Tests check these replies
 * against the schema (tests/integration/results-property.test.ts).
 */
const assembledJson = () => (data: unknown) => JSON.stringify(data);

const GATE_NOTE =
  'Every number and comment passes the privacy gate: a rater group with fewer than k responses is `insufficient` (no numbers) and left out of every total; manager and self are marked identifiable; only closed rounds have results.';

/** Results of closed rounds: a leader's dashboard (that leader or an admin), heatmap and CSV (admins). */
export async function resultRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  const common = { tags: ['results'], security: [{ bearerAuth: [] }] };

  app.get(
    '/results/leaders/:leaderId',
    {
      onRequest: app.requireAdminOrLeader((request) => (request.params as { leaderId?: string }).leaderId),
      serializerCompiler: assembledJson,
      schema: {
        ...common,
        summary: "A leader's dashboard for a closed round (default: the latest); that leader or an admin",
        description: `${GATE_NOTE} Other leaders get 404. The self-assessment is shown only to the leader themself.`,
        params: leaderResultsParamsSchema,
        querystring: leaderResultsQuerySchema,
        response: { 200: leaderDashboardSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      getLeaderDashboard({
        db: app.db,
        orgId: request.user.orgId,
        leaderId: request.params.leaderId,
        roundId: request.query.round,
        viewerPersonId: request.user.personId,
      }),
  );

  app.get(
    '/results/rounds/:roundId/heatmap',
    {
      onRequest: app.requireRole('admin'),
      serializerCompiler: assembledJson,
      schema: {
        ...common,
        summary: 'Leaders × theses for a closed round, suppressed cells marked',
        description: GATE_NOTE,
        params: roundResultsParamsSchema,
        response: { 200: heatmapSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      getRoundHeatmap({ db: app.db, orgId: request.user.orgId, roundId: request.params.roundId }),
  );

  app.get(
    '/results/rounds/:roundId/export.csv',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        ...common,
        summary: 'Aggregated results of a closed round as CSV (text/csv, header row), through the same gate',
        description: GATE_NOTE,
        params: roundResultsParamsSchema,
        response: {
          200: { content: { 'text/csv': { schema: z.string().describe('CSV with a header row') } } },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await exportRoundCsv({
        db: app.db,
        orgId: request.user.orgId,
        roundId: request.params.roundId,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );
}

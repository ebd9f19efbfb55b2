import {
  archiveRoundResponseSchema,
  closeRoundResponseSchema,
  createRoundRequestSchema,
  idParamsSchema,
  openRoundResponseSchema,
  remindRoundResponseSchema,
  roundDetailSchema,
  roundListQuerySchema,
  roundListResponseSchema,
  updateRoundRequestSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/record-audit';
import { readRoundSnapshot, recordRoundCreated, recordRoundEdit } from '../audit/round-audit';
import { problemResponses } from '../errors/problem-responses';
import { archiveRound } from './archive-round';
import { closeRound } from './close-round';
import { createRound } from './create-round';
import { listRounds } from './list-rounds';
import { openRound } from './open-round';
import { remindRound } from './remind-round';
import { loadRoundDetail } from './round-view';
import { updateRound } from './update-round';

const PARTICIPATION_NOTE =
  'Participation is counted per leader and rater group from the invitations, never per person, and passes the privacy gate: a unit with fewer than k answers shows neither counts nor rate, and every total adds up shown units only.';

/** Feedback rounds: planning, manual transitions and reminders; admins only. */
export async function roundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const jobs = app.roundJobs;
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));
  const common = { tags: ['rounds'], security: [{ bearerAuth: [] }] };
  const emailErrorLogger = (request: { log: { warn: (o: object, m: string) => void } }) => (error: unknown) =>
    request.log.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'survey email not sent',
    );

  app.post(
    '/rounds',
    {
      schema: {
        ...common,
        summary: 'Create a round (draft, or scheduled with `schedule: true`) on the latest questionnaire',
        body: createRoundRequestSchema,
        response: { 201: roundDetailSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const round = await createRound({
        db: app.db,
        jobs,
        orgId: request.user.orgId,
        input: request.body,
        now: new Date(),
      });
      await recordRoundCreated(app.db, { actor: request.user, round });
      return reply.status(201).send(round);
    },
  );

  app.get(
    '/rounds',
    {
      schema: {
        ...common,
        summary: 'Rounds with state and gated participation (archived ones only when asked for)',
        description: PARTICIPATION_NOTE,
        querystring: roundListQuerySchema,
        response: { 200: roundListResponseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await listRounds({ db: app.db, orgId: request.user.orgId, archived: request.query.archived }),
    }),
  );

  app.get(
    '/rounds/:id',
    {
      schema: {
        ...common,
        summary: 'A round with invited/answered counts per leader and rater group (never who)',
        description: PARTICIPATION_NOTE,
        params: idParamsSchema,
        response: { 200: roundDetailSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadRoundDetail({ db: app.db, orgId: request.user.orgId, roundId: request.params.id }),
  );

  app.patch(
    '/rounds/:id',
    {
      schema: {
        ...common,
        summary:
          'Edit a round: anything before it opens (`schedule: true/false` schedules or unschedules it); name, reminders, recurrence and a later closing time while it is open',
        params: idParamsSchema,
        body: updateRoundRequestSchema,
        response: { 200: roundDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const before = await readRoundSnapshot(app.db, request.user.orgId, request.params.id);
      const round = await updateRound({
        db: app.db,
        jobs,
        orgId: request.user.orgId,
        roundId: request.params.id,
        changes: request.body,
        now: new Date(),
      });
      await recordRoundEdit(app.db, { actor: request.user, before, round });
      return round;
    },
  );

  app.post(
    '/rounds/:id/open',
    {
      schema: {
        ...common,
        summary: 'Open a scheduled round now: issues the invitations and queues their emails',
        description:
          'Creates the invitations and, in the same transaction, queues one invitation email each. The reply says how many were created and queued; the emails go out right after, from the mail queue (retried when the mail server fails).',
        params: idParamsSchema,
        response: { 200: openRoundResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await openRound({
        db: app.db,
        ballotKeys: app.ballotKeys,
        roundId: request.params.id,
        orgId: request.user.orgId,
        now: new Date(),
      });
      if (result.emailsQueued > 0) app.mailSender.wake();
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'round.opened',
        target: { type: 'round', id: request.params.id },
        details: { invitationsCreated: result.invitationsCreated },
      });
      return { ...result, state: 'open' as const };
    },
  );

  app.post(
    '/rounds/:id/close',
    {
      schema: {
        ...common,
        summary: 'Close an open round now: computes the results and releases them to leaders',
        params: idParamsSchema,
        response: { 200: closeRoundResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await closeRound({
        db: app.db,
        ballotKeys: app.ballotKeys,
        jobs,
        roundId: request.params.id,
        orgId: request.user.orgId,
        now: new Date(),
      });
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'round.closed',
        target: { type: 'round', id: request.params.id },
        details: { nextRoundId: result.nextRoundId },
      });
      return { roundId: result.roundId, state: 'closed' as const, nextRoundId: result.nextRoundId };
    },
  );

  app.post(
    '/rounds/:id/archive',
    {
      schema: {
        ...common,
        summary: 'Archive a closed round: it leaves the default round lists; its results stay',
        description:
          'Archiving cannot be undone. Leaders keep the round in their dashboards and trends, and its results, heatmap and export stay available; GET /rounds lists it with `archived=include` or `only`.',
        params: idParamsSchema,
        response: { 200: archiveRoundResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await archiveRound({
        db: app.db,
        roundId: request.params.id,
        orgId: request.user.orgId,
      });
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'round.archived',
        target: { type: 'round', id: request.params.id },
      });
      return result;
    },
  );

  app.post(
    '/rounds/:id/remind',
    {
      schema: {
        ...common,
        summary: 'Remind everyone who has not answered yet (at most once per hour)',
        description:
          'Emails every invited person who has not answered yet the same link as their invitation. The reply says neither who nor how many were reminded: a count would include groups hidden below k, and could tell whether one chosen person has answered.',
        params: idParamsSchema,
        response: { 200: remindRoundResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await remindRound({
        db: app.db,
        ballotKeys: app.ballotKeys,
        mailer: app.mailer,
        webUrl: app.config.WEB_URL,
        roundId: request.params.id,
        orgId: request.user.orgId,
        now: new Date(),
        onEmailError: emailErrorLogger(request),
        sendAfterReply: (send) => app.backgroundTasks.run(send),
      });
      await recordAudit(app.db, {
        orgId: request.user.orgId,
        actor: request.user,
        action: 'round.reminded',
        target: { type: 'round', id: request.params.id },
        details: { manual: true },
      });
      app.metrics.scheduler.reminderRun('manual');
      return {
        status: 'sent' as const,
        message: 'Everyone who has not answered yet gets a reminder with their link.',
      };
    },
  );
}

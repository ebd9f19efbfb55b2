import {
  inviteTokenHeadersSchema,
  SURVEY_BODY_LIMIT_BYTES,
  surveyQuerySchema,
  surveyResponseRequestSchema,
  surveyResponseSchema,
  surveySubmittedSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../errors/problem-responses';
import { getSurvey } from './get-survey';
import { submitSurveyResponse } from './submit-response';

/**
 * Per client address and minute. Moderate on purpose: behind the web app's proxy (or a company NAT)
 * many raters share one address, and a token of 256 random bits cannot be guessed anyway; the
 * limit only blunts floods.
 */
export const SURVEY_SUBMITS_PER_MINUTE = 120;
export const SURVEY_READS_PER_MINUTE = 300;

/**
 * Anonymous answering. Authenticated only by the invitation token in the X-Invite-Token header.
 * Request logging is off for these routes (Fastify's request log would record the IP address), and
 * nothing here logs the token or the body (rule 7). Server errors are still logged, without any
 * request details.
 */
export async function surveyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onError', async (_request, reply, error) => {
    // Runs after the error handler, which set the status; request.log is silent on these routes.
    if (reply.statusCode >= 500) {
      app.log.error(
        { err: { type: error.name, message: error.message, stack: error.stack } },
        'survey request failed',
      );
    }
  });

  app.get(
    '/survey',
    {
      logLevel: 'silent',
      config: { rateLimit: { max: SURVEY_READS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['survey'],
        summary: "The questionnaire for the invitation, in the rater's language, with who will see what",
        description:
          'Language: `?locale=`, else Accept-Language, else the invitation language. Problem types: `invitation-token-missing` (401), `invitation-unknown` (404), `invitation-used` (409), `survey-not-open` (409), `survey-closed` (410).',
        security: [{ inviteToken: [] }],
        headers: inviteTokenHeadersSchema,
        querystring: surveyQuerySchema,
        response: { 200: surveyResponseSchema, ...problemResponses(400, 401, 404, 409, 410, 429) },
      },
    },
    async (request) =>
      getSurvey({
        db: app.db,
        ballotKeys: app.ballotKeys,
        token: request.headers['x-invite-token'],
        requestedLocale: request.query.locale,
        acceptLanguage: request.headers['accept-language'],
        now: new Date(),
      }),
  );

  app.post(
    '/survey/response',
    {
      logLevel: 'silent',
      bodyLimit: SURVEY_BODY_LIMIT_BYTES,
      config: { rateLimit: { max: SURVEY_SUBMITS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['survey'],
        summary: 'Submit the answers, once per invitation',
        description:
          'Every item of the round\'s questionnaire exactly once (score 1..5, or null for "can\'t judge"); optional comments ≤ 2,000 characters. A second submit answers 409 `invitation-used`.',
        security: [{ inviteToken: [] }],
        headers: inviteTokenHeadersSchema,
        body: surveyResponseRequestSchema,
        response: { 201: surveySubmittedSchema, ...problemResponses(400, 401, 404, 409, 410, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await submitSurveyResponse({
        db: app.db,
        ballotKeys: app.ballotKeys,
        token: request.headers['x-invite-token'],
        input: request.body,
        now: new Date(),
      });
      return reply.status(201).send({
        status: 'recorded',
        message: 'Thank you. Your answers are recorded anonymously.',
      });
    },
  );
}

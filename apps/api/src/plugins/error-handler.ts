import { isDatabaseUnavailable } from '@resonance/db';
import { DomainError } from '@resonance/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError, type Problem, problemTypes, problemTypeUri } from '../errors/problem';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

function problemFor(kind: keyof typeof problemTypes, detail: string, errors?: FieldError[]): Problem {
  const t = problemTypes[kind];
  return {
    type: problemTypeUri(t.slug),
    title: t.title,
    status: t.status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/** The methods routes are registered with; anything else (TRACE, CONNECT, …) is refused with 405. */
const SPOKEN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * PostgreSQL's codes for text it cannot store (a NUL byte, an invalid byte sequence): the client's
 * input, not our failure. The NUL hook refuses most before they reach the database.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** The database's own code, wherever the driver adapter or Prisma put it on the error. */
function databaseCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown;
      originalCode?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    for (const code of [candidate.originalCode, candidate.code]) {
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    }
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return undefined;
}

/**
 * Errors the router raises before a route or the error handler exist for the request (a path
 * that is not valid percent-encoding, a path parameter over maxParamLength): problem+json too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? problemFor('uriTooLong', 'A part of the path is longer than any identifier this API uses.')
      : error.code === 'FST_ERR_BAD_URL'
        ? problemFor('validation', 'The path is not valid URL encoding.')
        : problemFor('validation', 'The request could not be routed.');
  request.log.info({ code: error.code }, 'request refused by the router');
  reply.status(problem.status).type(PROBLEM_JSON).send(problem);
}

/** Maps every error (ours, Fastify's, zod's) to RFC 9457 problem+json; 5xx never echo internals. */
export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      let problem: Problem;
      if (error instanceof AppError) {
        problem = error.toProblem(request.url.split('?')[0]);
      } else if (error instanceof DomainError) {
        problem = {
          ...problemFor('conflict', error.message),
          type: problemTypeUri(error.code.replace(/_/g, '-')),
        };
        if (error.code === 'invalid_schedule') problem.status = 400;
      } else if (hasZodFastifySchemaValidationErrors(error)) {
        const errors = error.validation.map((issue) => ({
          field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
          message: issue.message ?? 'is invalid',
        }));
        problem = problemFor('validation', 'Some fields are missing or invalid; see `errors`.', errors);
      } else if (isResponseSerializationError(error)) {
        request.log.error({ err: error }, 'response did not match its schema');
        problem = problemFor('internal', 'Something went wrong on our side. Please try again.');
      } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        problem = problemFor('payloadTooLarge', 'The request body is larger than this endpoint accepts.');
      } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        problem = problemFor('unsupportedMediaType', 'Send the body as application/json.');
      } else if (
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      ) {
        problem = problemFor('validation', 'The body is not valid JSON.');
      } else if (UNSTORABLE_TEXT.has(databaseCode(error) ?? '')) {
        problem = problemFor('validation', 'Text must not contain the NUL character or invalid characters.');
      } else if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        problem = problemFor(
          'unavailable',
          'The service cannot reach its database right now. Try again in a moment.',
        );
      } else if (error.statusCode === 429) {
        problem = problemFor('rateLimited', 'Too many attempts. Wait a minute and try again.');
      } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        problem = { ...problemFor('validation', error.message), status: error.statusCode };
      } else {
        request.log.error({ err: error }, 'unhandled error');
        problem = problemFor('internal', 'Something went wrong on our side. Please try again.');
      }
      // An outage passes: tell clients and proxies when to try again.
      if (problem.status === 503) reply.header('Retry-After', '5');
      reply.status(problem.status).type(PROBLEM_JSON).send(problem);
    });

    app.setNotFoundHandler((request, reply) => {
      if (!SPOKEN_METHODS.includes(request.method)) {
        reply
          .status(405)
          .header('Allow', SPOKEN_METHODS.join(', '))
          .type(PROBLEM_JSON)
          .send(problemFor('methodNotAllowed', `This API does not answer ${request.method} requests.`));
        return;
      }
      reply
        .status(404)
        .type(PROBLEM_JSON)
        .send(problemFor('notFound', `No route ${request.method} ${request.url.split('?')[0]}.`));
    });
  },
  { name: 'error-handler' },
);

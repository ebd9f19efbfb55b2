import { DomainError } from '@resonance/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
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
      } else if (error.statusCode === 429) {
        problem = problemFor('rateLimited', 'Too many attempts. Wait a minute and try again.');
      } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        problem = { ...problemFor('validation', error.message), status: error.statusCode };
      } else {
        request.log.error({ err: error }, 'unhandled error');
        problem = problemFor('internal', 'Something went wrong on our side. Please try again.');
      }
      reply.status(problem.status).type(PROBLEM_JSON).send(problem);
    });

    app.setNotFoundHandler((request, reply) => {
      reply
        .status(404)
        .type(PROBLEM_JSON)
        .send(problemFor('notFound', `No route ${request.method} ${request.url.split('?')[0]}.`));
    });
  },
  { name: 'error-handler' },
);

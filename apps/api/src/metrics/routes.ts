import { createHash, timingSafeEqual } from 'node:crypto';
import { metricsHeadersSchema, metricsTextSchema } from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../errors/problem';
import { problemResponses } from '../errors/problem-responses';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether the Authorization header carries the token. Both sides are hashed first, so the
 * comparison is constant-time whatever the lengths.
 */
export function bearerTokenMatches(header: string | undefined, expectedDigest: Buffer): boolean {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? '');
  const equal = timingSafeEqual(sha256(match?.[1] ?? ''), expectedDigest);
  return match !== null && equal;
}

/**
 * GET /metrics for Prometheus, beside /health. With METRICS_TOKEN set the scraper sends it as a
 * bearer token; without it the route is open in development and test, and does not exist in
 * production (an unprotected scrape would tell anyone how the service is used).
 */
export async function metricsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { METRICS_TOKEN, NODE_ENV } = app.config;
  if (METRICS_TOKEN === undefined && NODE_ENV === 'production') return;
  const expectedDigest = METRICS_TOKEN === undefined ? null : sha256(METRICS_TOKEN);

  app.get(
    '/metrics',
    {
      // The scrape is not timed into the histogram it returns, and not rate limited (no opt-in):
      // a token of ≥ 16 characters is not guessed by trying.
      config: { excludeFromMetrics: true },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics: request durations, database pool, scheduler, emails',
        description:
          'Text format 0.0.4. With METRICS_TOKEN set on the server, send `Authorization: Bearer <token>`; without it the route is open outside production and absent in production. No label names a round, person, invitation or email; reminder emails are not counted one by one; the survey routes share one series (docs/privacy.md, "Metrics").',
        security: [{ metricsToken: [] }],
        headers: metricsHeadersSchema,
        response: {
          200: { content: { 'text/plain': { schema: metricsTextSchema } } },
          ...problemResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      if (expectedDigest && !bearerTokenMatches(request.headers.authorization, expectedDigest)) {
        reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 'Send the metrics token as `Authorization: Bearer <token>`.');
      }
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
}

import helmet from '@fastify/helmet';
import type { Db } from '@resonance/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authPlugin } from './auth/auth-plugin';
import { type BackgroundTasks, createBackgroundTasks } from './background-tasks';
import { type BallotKeys, deriveBallotKeys } from './ballot-box/ballot-keys';
import type { Env } from './env';
import { createMailSender, type MailSender } from './mail/mail-sender';
import { createMailer, type Mailer } from './mail/mailer';
import { type ApiMetrics, createApiMetrics } from './metrics/api-metrics';
import { countingMailer } from './metrics/counting-mailer';
import { requestMetrics } from './metrics/request-metrics';
import { metricsRoutes } from './metrics/routes';
import { errorHandler, frameworkErrors } from './plugins/error-handler';
import { noStore } from './plugins/no-store';
import { openApiDocument } from './plugins/openapi-document';
import { rateLimits } from './plugins/rate-limits';
import { refuseNul } from './plugins/refuse-nul';
import { apiV1Routes } from './routes/api-v1';
import { healthRoutes } from './routes/health';
import { noRoundJobs, type RoundJobs } from './scheduler/round-jobs';

declare module 'fastify' {
  interface FastifyInstance {
    config: Env;
    db: Db;
    mailer: Mailer;
    /** Sends the durable mail queue (invitations); started by server.ts, drained by tests. */
    mailSender: MailSender;
    /** Keys of the ballot box, derived from the ballot secret (see ballot-box/ballot-keys.ts). */
    ballotKeys: BallotKeys;
    /** Enqueues a round's timed steps with the scheduler; a no-op where none runs in this process. */
    roundJobs: RoundJobs;
    /** Work that runs after the reply (see background-tasks.ts). */
    backgroundTasks: BackgroundTasks;
    /** Prometheus metrics of this instance (GET /metrics). */
    metrics: ApiMetrics;
  }
}

export interface AppDependencies {
  env: Env;
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** Defaults to SMTP when SMTP_URL is set, else the outbox table. */
  mailer?: Mailer;
  /** The round scheduler when this process runs one (see server.ts). */
  roundJobs?: RoundJobs;
  /** Defaults to keys derived from env.BALLOT_SECRET; server.ts passes the verified ones. */
  ballotKeys?: BallotKeys;
  /** Defaults to a fresh registry; server.ts shares its own with the scheduler. */
  metrics?: ApiMetrics;
}

/** The whole API as one Fastify instance; `server.ts` only opens the database and listens. */
export async function buildApp({
  env,
  db,
  logger,
  mailer,
  roundJobs,
  ballotKeys,
  metrics,
}: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: env.LOG_LEVEL },
    // Bodies are small JSON documents; CSV imports get their own limit.
    bodyLimit: 1024 * 1024,
    // Only the configured proxies' X-Forwarded-For is believed (rate limits per client address).
    trustProxy: env.TRUST_PROXY.length > 0 ? env.TRUST_PROXY : false,
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors,
    // Slow clients: see HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS. Node checks the deadlines on an
    // interval, a tenth of the header limit here, so a stalled client is cut close to its limit.
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(env.HEADERS_TIMEOUT_MS, env.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.max(50, Math.floor(env.HEADERS_TIMEOUT_MS / 10)),
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', env);
  app.decorate('db', db);
  app.decorate('metrics', metrics ?? createApiMetrics({ db }));
  app.decorate('mailer', countingMailer(mailer ?? createMailer({ env, db }), app.metrics.mail));
  app.decorate('roundJobs', roundJobs ?? noRoundJobs);
  if (!ballotKeys && !env.BALLOT_SECRET) throw new Error('buildApp needs ballotKeys or BALLOT_SECRET');
  app.decorate('ballotKeys', ballotKeys ?? deriveBallotKeys(env.BALLOT_SECRET!));
  app.decorate(
    'mailSender',
    createMailSender({
      db,
      mailer: app.mailer,
      ballotKeys: app.ballotKeys,
      webUrl: env.WEB_URL,
      log: app.log,
    }),
  );
  app.decorate('backgroundTasks', createBackgroundTasks(app.log));
  app.addHook('onClose', async () => {
    await app.backgroundTasks.settled();
    await app.mailSender.stop();
    await app.mailer.close();
  });

  // Tier 1: external plugins. Request metrics first: they attach to every route registered after them.
  await app.register(requestMetrics, { metrics: app.metrics });
  await app.register(helmet, { contentSecurityPolicy: false });
  // Only routes that opt in (config.rateLimit) are limited: auth, survey.
  await app.register(rateLimits, { redisUrl: env.REDIS_URL });
  await app.register(openApiDocument, { serve: env.API_DOCS });

  // Tier 2: application plugins.
  await app.register(errorHandler);
  await app.register(refuseNul);
  await app.register(noStore);
  await app.register(authPlugin);

  // Tier 3: routes.
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(apiV1Routes, { prefix: '/api/v1' });

  return app;
}

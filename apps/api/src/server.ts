import { createPrismaClient, openDatabase, redactUrl } from '@resonance/db';
import { buildApp } from './app';
import { deriveBallotKeys } from './ballot-box/ballot-keys';
import { BallotSecretError, loadBallotSecret, verifyBallotSecret } from './ballot-box/ballot-secret';
import { seedDemoIfRequested } from './demo/seed-at-start';
import { EnvError, loadEnv } from './env';
import { createMailer } from './mail/mailer';
import { createApiMetrics } from './metrics/api-metrics';
import { ensureQuestionnaires } from './questionnaire/ensure-questionnaires';

/**
 * pg 8.19+ warns when a client is handed a query while another runs. The only source here is
 * @prisma/adapter-pg, which lets Prisma overlap the reads of one interactive transaction (upstream:
 * prisma/orm#29979); pg still queues and runs them in order, so the warning tells an operator
 * nothing they can act on. This one message is dropped; every other warning is printed as usual.
 * Revisit before pg 9, which turns the queueing into an error.
 */
const OVERLAPPING_QUERY_WARNING = 'Calling client.query() when the client is already executing a query';
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const message = typeof warning === 'string' ? warning : warning.message;
  if (message.startsWith(OVERLAPPING_QUERY_WARNING)) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

/** How long requests in flight get to finish after SIGTERM/SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 7_000;
/** Whatever else hangs (a database that does not answer), the process is gone by then. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main() {
  const env = loadEnv();
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: `${env.DATA_DIR}/postgres`,
    embeddedPort: env.EMBEDDED_DB_PORT,
  });
  const db = createPrismaClient({ connectionString: database.connectionString, poolSize: env.DB_POOL_SIZE });
  const ballotSecret = loadBallotSecret({ configured: env.BALLOT_SECRET, dataDir: env.DATA_DIR });
  const ballotKeys = deriveBallotKeys(ballotSecret.secret);
  await verifyBallotSecret(db, ballotKeys);
  await ensureQuestionnaires({ db });
  const mailer = createMailer({ env, db });
  const metrics = createApiMetrics({ db });
  // Imported only when it runs here: pg-boss alone is ~20 MB of a fresh process.
  const scheduler = env.SCHEDULER_ENABLED
    ? (await import('./scheduler/round-scheduler')).createRoundScheduler({
        connectionString: database.connectionString,
        db,
        mailer,
        ballotKeys,
        webUrl: env.WEB_URL,
        metrics: metrics.scheduler,
        onInvitationsQueued: () => app.mailSender.wake(),
        // The app (and its logger) is built below; the scheduler logs only after start().
        log: {
          info: (object, message) => app.log.info(object, message),
          warn: (object, message) => app.log.warn(object, message),
          error: (object, message) => app.log.error(object, message),
        },
      })
    : undefined;
  const app = await buildApp({
    env,
    db,
    mailer,
    ballotKeys,
    metrics,
    ...(scheduler ? { roundJobs: scheduler } : {}),
  });
  if (ballotSecret.source === 'generated') {
    app.log.warn(
      `Generated a ballot secret in ${env.DATA_DIR}/ballot-secret. Keep it (and out of database backups); see docs/anonymity.md.`,
    );
  }
  await seedDemoIfRequested({ env, db, ballotKeys, log: app.log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // app.close() stops accepting, closes idle keep-alive connections (Fastify's default
    // forceCloseConnections: 'idle') and waits for requests in flight. A client that never finishes
    // its request (slow headers or body) must not hold the process: cut what is left after the grace.
    // A keep-alive connection whose request finishes during the shutdown is idle only then.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 250);
    const cut = setTimeout(() => {
      app.log.warn(`connections still open ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}: closing them`);
      app.server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    const deadline = setTimeout(() => {
      console.error(`Resonance API did not stop within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    for (const timer of [sweep, cut, deadline]) timer.unref();
    await scheduler?.stop();
    await app.close();
    clearInterval(sweep);
    clearTimeout(cut);
    await db.$disconnect();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: env.API_HOST, port: env.API_PORT });
  // Sends the invitations queued by opened rounds, also those left over from before a restart.
  app.mailSender.start();
  if (scheduler) {
    await scheduler.start();
    app.log.info('round scheduler started');
  }
  app.log.info(
    { database: database.embedded ? 'embedded (PGlite)' : redactUrl(database.connectionString) },
    `Resonance API ready on http://${env.API_HOST}:${env.API_PORT} (docs at /docs)`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof BallotSecretError) {
    console.error(error.message);
  } else {
    console.error(`Resonance API failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});

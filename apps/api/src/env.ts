import path from 'node:path';
import { paths } from '@resonance/db';
import { z } from 'zod';

const DEV_JWT_SECRET = 'resonance-development-secret-change-me-0123456789';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const port = () =>
  z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port().default(3001),
    /** Public URL of the web app; invitation links point here. */
    WEB_URL: z.url().default('http://127.0.0.1:3000'),
    /** External PostgreSQL. When absent, an embedded PGlite under DATA_DIR is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default(path.join(paths.repoRoot, '.data')),
    /**
     * Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For the API believes, comma-
     * separated, e.g. the web app's `127.0.0.1`. Rate limits then count per real client, not per proxy.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value) =>
        value
          ? value
              .split(',')
              .map((entry) => entry.trim())
              .filter(Boolean)
          : [],
      ),
    /**
     * Redis for the rate limits, e.g. redis://127.0.0.1:6379, when several API instances serve one
     * installation: they then share their counts. Without it each process counts in memory.
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /**
     * A client must have sent a request's headers within HEADERS_TIMEOUT_MS and the whole request
     * (body included) within REQUEST_TIMEOUT_MS, or the connection is cut (408): a slow or stalled
     * client cannot hold a connection. The request limit allows a 2 MiB org chart on a slow line.
     */
    HEADERS_TIMEOUT_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(100).default(10_000),
    REQUEST_TIMEOUT_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(100).default(60_000),
    /** Serve the OpenAPI document and its UI under /docs; default: everywhere but production. */
    API_DOCS: booleanFlag.optional(),
    /** Signups (new organisations) one client address may make per hour. */
    SIGNUPS_PER_HOUR: z.coerce.number({ error: 'must be a whole number' }).int().min(1).default(5),
    /** Fixed loopback port for the embedded database (0 = any free port). */
    EMBEDDED_DB_PORT: port().default(0),
    DB_POOL_SIZE: z.coerce
      .number({ error: 'must be a whole number from 1 to 100' })
      .int()
      .min(1)
      .max(100)
      .default(10),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    /**
     * Keys the ballot box (invitation tokens, single-use markers, sealed answers). Unset: generated once
     * into DATA_DIR/ballot-secret. Keep it out of database backups; see docs/anonymity.md.
     */
    BALLOT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('resonance'),
    JWT_AUDIENCE: z.string().min(1).default('resonance-api'),
    /** SMTP server for emails, e.g. smtp://user:pass@mail.example.com:587. Without it emails go to the outbox table. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Resonance <no-reply@resonance.local>'),
    /** Seed the demo organisation into an empty database at start. */
    SEED_DEMO: booleanFlag.default(false),
    /** Run the round scheduler in this process. */
    SCHEDULER_ENABLED: booleanFlag.default(true),
    /**
     * GET /metrics (Prometheus). With METRICS_TOKEN set, a scraper must send it as a bearer token;
     * without it the endpoint is open in development and test and off in production.
     */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /**
     * Single sign-on: in production an organisation's identity provider must use https on a public
     * address (an org admin makes the server fetch that URL). Set to true to allow private and
     * loopback addresses, e.g. for one company's own install with an internal identity provider.
     */
    SSO_PRIVATE_ISSUERS: booleanFlag.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    // Development and test runs may use the built-in secret; a deployment must bring a strong one of its own.
    if (env.NODE_ENV !== 'production') return;
    if (env.SMTP_URL === undefined) {
      // The outbox stores working survey links and shows who was reminded: development only.
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message:
          'must be set in production (without it emails would be kept in the database, links included)',
      });
    }
    if (env.BALLOT_SECRET === undefined && env.DATABASE_URL !== undefined) {
      // A generated secret lives in DATA_DIR, which a container does not keep: set it explicitly.
      ctx.addIssue({
        code: 'custom',
        path: ['BALLOT_SECRET'],
        message:
          'must be set in production with DATABASE_URL (e.g. `openssl rand -base64 48`); store it apart from database backups',
      });
    } else if (env.BALLOT_SECRET !== undefined && new Set(env.BALLOT_SECRET).size < 16) {
      ctx.addIssue({
        code: 'custom',
        path: ['BALLOT_SECRET'],
        message: 'is too weak (too few distinct characters); use e.g. `openssl rand -base64 48`',
      });
    }
    if (env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be set to your own random secret in production (e.g. `openssl rand -base64 48`)',
      });
    } else if (new Set(env.JWT_SECRET).size < 16) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message:
          'is too weak (too few distinct characters); use a random secret, e.g. `openssl rand -base64 48`',
      });
    }
  })
  .transform((env) => ({ ...env, API_DOCS: env.API_DOCS ?? env.NODE_ENV !== 'production' }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; the message names every bad variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings (e.g. `DATABASE_URL=` in a .env file) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function loadEnv(): Env {
  return parseEnv(process.env);
}

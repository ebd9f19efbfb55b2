import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Db } from '@resonance/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Env } from './env';
import { errorHandler } from './plugins/error-handler';
import { apiV1Routes } from './routes/api-v1';
import { healthRoutes } from './routes/health';

declare module 'fastify' {
  interface FastifyInstance {
    config: Env;
    db: Db;
  }
}

export interface AppDependencies {
  env: Env;
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

/** The whole API as one Fastify instance; `server.ts` only opens the database and listens. */
export async function buildApp({ env, db, logger }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: env.LOG_LEVEL },
    // Bodies are small JSON documents; CSV imports get their own limit.
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', env);
  app.decorate('db', db);

  // Tier 1: external plugins.
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Resonance API',
        description: 'Anonymous 360° leadership feedback on the nine theses of leading like an influencer.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          inviteToken: { type: 'apiKey', in: 'header', name: 'X-Invite-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Tier 2: application plugins.
  await app.register(errorHandler);

  // Tier 3: routes.
  await app.register(healthRoutes);
  await app.register(apiV1Routes, { prefix: '/api/v1' });

  return app;
}

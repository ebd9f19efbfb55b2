import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../auth/routes';
import { meRoutes } from '../me/routes';
import { orgRoutes } from '../org/routes';
import { peopleRoutes } from '../people/routes';

/**
 * Every public API route lives under /api/v1. Each feature folder exports one encapsulated
 * route plugin; register it here.
 */
export async function apiV1Routes(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(orgRoutes);
  await app.register(peopleRoutes);
}

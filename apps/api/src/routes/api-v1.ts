import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../audit/routes';
import { authRoutes } from '../auth/routes';
import { focusRoutes } from '../focus/routes';
import { gdprRoutes } from '../gdpr/routes';
import { outboxRoutes } from '../mail/routes';
import { meRoutes } from '../me/routes';
import { orgRoutes } from '../org/routes';
import { peopleRoutes } from '../people/routes';
import { resultRoutes } from '../results/routes';
import { roundRoutes } from '../rounds/routes';
import { ssoConfigRoutes, ssoSignInRoutes } from '../sso/routes';
import { surveyRoutes } from '../survey/routes';

/**
 * Every public API route lives under /api/v1. Each feature folder exports one encapsulated
 * route plugin; register it here.
 */
export async function apiV1Routes(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(ssoSignInRoutes);
  await app.register(meRoutes);
  await app.register(orgRoutes);
  await app.register(ssoConfigRoutes);
  await app.register(peopleRoutes);
  await app.register(gdprRoutes);
  await app.register(roundRoutes);
  await app.register(surveyRoutes);
  await app.register(resultRoutes);
  await app.register(focusRoutes);
  await app.register(auditRoutes);
  // Development only: the outbox holds working invitation links.
  if (app.config.NODE_ENV !== 'production') await app.register(outboxRoutes);
}

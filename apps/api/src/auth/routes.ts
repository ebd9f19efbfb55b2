import {
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  sessionSchema,
  setPasswordRequestSchema,
  setupTokenHeadersSchema,
  signupRequestSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/problem-responses';
import { login } from './login';
import { logout } from './logout';
import { refreshSession } from './refresh-session';
import { setPassword } from './set-password';
import { signup } from './signup';

const LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** A client refreshes about every 15 minutes; a burst of tabs is fine, a loop is not. */
const SESSION_CALLS_PER_MINUTE = 30;
const SET_PASSWORD_ATTEMPTS_PER_MINUTE = 10;

const perAddress = (prefix: string, max: number, timeWindow: string) => ({
  rateLimit: { max, timeWindow, keyGenerator: (request: { ip: string }) => `${prefix}:${request.ip}` },
});

/** Public routes that create, renew and end sessions. */
export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, signAccessToken } = app;

  app.post(
    '/auth/signup',
    {
      // Each signup creates an organisation, and an account every login of that email checks.
      config: perAddress('signup', app.config.SIGNUPS_PER_HOUR, '1 hour'),
      schema: {
        tags: ['auth'],
        summary: 'Create an organisation and its first admin',
        body: signupRequestSchema,
        response: { 201: sessionSchema, ...problemResponses(400, 415, 429) },
      },
    },
    async (request, reply) => {
      const session = await signup({ db, signAccessToken, input: request.body });
      return reply.status(201).send(session);
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: '1 minute',
          // Body is parsed by then: limit per address and account, so one attacker cannot lock out everyone.
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body = request.body as { email?: unknown } | undefined;
            const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
            return `login:${request.ip}:${email}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password (403 sso-required for an organisation with SSO only)',
        body: loginRequestSchema,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 415, 429) },
      },
    },
    async (request) => login({ db, signAccessToken, ...request.body }),
  );

  app.post(
    '/auth/refresh',
    {
      config: perAddress('refresh', SESSION_CALLS_PER_MINUTE, '1 minute'),
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for new tokens (the old refresh token is used up)',
        body: refreshRequestSchema,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => refreshSession({ db, signAccessToken, refreshToken: request.body.refreshToken }),
  );

  app.post(
    '/auth/logout',
    {
      config: perAddress('logout', SESSION_CALLS_PER_MINUTE, '1 minute'),
      schema: {
        tags: ['auth'],
        summary: 'Revoke a refresh token and every token rotated from the same login',
        body: logoutRequestSchema,
        response: { 204: z.null().describe('Logged out'), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await logout({ db, refreshToken: request.body.refreshToken });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/set-password',
    {
      config: perAddress('set-password', SET_PASSWORD_ATTEMPTS_PER_MINUTE, '1 minute'),
      schema: {
        tags: ['auth'],
        summary: 'Choose a password with the single-use token from a setup email; logs in',
        headers: setupTokenHeadersSchema,
        body: setPasswordRequestSchema,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 410, 429) },
      },
    },
    async (request) =>
      setPassword({
        db,
        signAccessToken,
        token: request.headers['x-setup-token'],
        password: request.body.password,
      }),
  );
}

import {
  orgSsoSchema,
  ssoCallbackRequestSchema,
  ssoSessionSchema,
  ssoStartRequestSchema,
  ssoStartResponseSchema,
  updateOrgSsoRequestSchema,
} from '@resonance/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/problem-responses';
import { finishSso } from './finish-sso';
import { issuerFetchPolicy } from './issuer-fetch';
import { deleteOrgSso, getOrgSso, putOrgSso } from './org-sso-config';
import { startSso } from './start-sso';

/** Like the password login: enough for a person retrying, a brake on a script. */
const SSO_CALLS_PER_MINUTE = 20;

/** The organisation's identity provider; admins only. */
export async function ssoConfigRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));
  const { db, ballotKeys: keys } = app;
  const webUrl = app.config.WEB_URL;
  const policy = issuerFetchPolicy(app.config);

  app.get(
    '/org/sso',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Single sign-on (OpenID Connect) of the organisation and the redirect URI to register',
        security: [{ bearerAuth: [] }],
        response: { 200: orgSsoSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => getOrgSso({ db, webUrl, orgId: request.user.orgId }),
  );

  app.put(
    '/org/sso',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Configure single sign-on: issuer (checked by discovery), client, allowed email domains, SSO only',
        security: [{ bearerAuth: [] }],
        body: updateOrgSsoRequestSchema,
        response: { 200: orgSsoSchema, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => putOrgSso({ db, keys, webUrl, policy, actor: request.user, input: request.body }),
  );

  app.delete(
    '/org/sso',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Remove single sign-on (passwords work again)',
        security: [{ bearerAuth: [] }],
        response: { 204: z.null().describe('Removed'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteOrgSso({ db, actor: request.user });
      return reply.status(204).send(null);
    },
  );
}

/** Public: signing in through the organisation's identity provider. */
export async function ssoSignInRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, signAccessToken, ballotKeys } = app;
  const policy = issuerFetchPolicy(app.config);
  const unseal = (sealed: Buffer, orgId: string) => ballotKeys.unsealConfigSecret(sealed, orgId);
  const perAddress = (prefix: string) => ({
    rateLimit: {
      max: SSO_CALLS_PER_MINUTE,
      timeWindow: '1 minute',
      keyGenerator: (request: { ip: string }) => `${prefix}:${request.ip}`,
    },
  });

  app.post(
    '/auth/sso/start',
    {
      config: perAddress('sso-start'),
      schema: {
        tags: ['auth'],
        summary: "Begin a single sign-on: the URL of the organisation's identity provider (code flow, PKCE)",
        body: ssoStartRequestSchema,
        response: { 200: ssoStartResponseSchema, ...problemResponses(400, 404, 415, 422, 429) },
      },
    },
    async (request) => startSso({ db, webUrl: app.config.WEB_URL, policy, input: request.body, unseal }),
  );

  app.post(
    '/auth/sso/callback',
    {
      config: perAddress('sso-callback'),
      schema: {
        tags: ['auth'],
        summary: "Complete a single sign-on with the provider's code and state; logs in",
        body: ssoCallbackRequestSchema,
        response: { 200: ssoSessionSchema, ...problemResponses(400, 401, 403, 404, 415, 429) },
      },
    },
    async (request) =>
      finishSso({
        db,
        signAccessToken,
        policy,
        input: request.body,
        unseal,
        onProviderError: (error) =>
          request.log.warn(
            { reason: error instanceof Error ? error.message : String(error) },
            'single sign-on: the identity provider refused or failed',
          ),
      }),
  );
}

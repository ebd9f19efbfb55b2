import { createHash } from 'node:crypto';
import { SSO_SCOPES, type SsoStartRequest, type SsoStartResponse } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { emailDomain } from '@resonance/domain';
import * as oidc from 'openid-client';
import { AppError } from '../errors/problem';
import { discoverIssuer, IssuerDiscoveryError } from './discover-issuer';
import type { IssuerFetchPolicy } from './issuer-fetch';
import { ssoRedirectUri } from './org-sso-config';
import { ssoProviderError, unsealClientSecret } from './sso-provider';

/** Long enough to type a password and answer a second factor at the provider; short enough to be useless when stolen. */
export const SSO_STATE_TTL_MS = 10 * 60 * 1000;

/** Organisations one email domain may point at before the caller must name theirs. */
const MAX_ORGANISATIONS_PER_DOMAIN = 10;

export function hashSsoState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** A path of the web app (`/dashboard`), never another site (`//evil.test`, `/\evil.test`). */
function safeNextPath(next: string | undefined): string | null {
  if (!next || !/^\/(?![/\\])[^\s\\]*$/.test(next)) return null;
  return next;
}

async function findOrganisation(db: Db, input: SsoStartRequest) {
  const select = { orgId: true, issuerUrl: true, clientId: true, clientSecretSealed: true } as const;
  if (input.organisation) {
    const found = await db.organisationSso.findFirst({
      where: { enabled: true, organisation: { slug: input.organisation } },
      select,
    });
    if (found) return found;
  } else {
    const domain = emailDomain(input.email ?? '');
    const found = domain
      ? await db.organisationSso.findMany({
          where: { enabled: true, allowedDomains: { has: domain } },
          select: { ...select, organisation: { select: { slug: true, name: true } } },
          orderBy: { createdAt: 'asc' },
          take: MAX_ORGANISATIONS_PER_DOMAIN,
        })
      : [];
    if (found.length > 1) {
      throw new AppError('validation', 'Several organisations sign in with this email domain; choose one.', {
        code: 'organisation-required',
        errors: [{ field: 'body.organisation', message: 'name the organisation to sign in to' }],
        extensions: { organisations: found.map((entry) => entry.organisation) },
      });
    }
    if (found[0]) return found[0];
  }
  throw new AppError('notFound', 'No organisation signs in with single sign-on this way.', {
    code: 'sso-not-configured',
  });
}

/**
 * Begins an authorization code flow with PKCE: a random state (stored hashed), nonce and code
 * verifier, kept for ten minutes and usable once. The email, if given, only finds the organisation and
 * is passed on as a hint; whether it has an account here is not looked at, so this reveals nothing.
 */
export async function startSso({
  db,
  webUrl,
  policy,
  input,
  unseal,
  now = new Date(),
}: {
  db: Db;
  webUrl: string;
  policy: IssuerFetchPolicy;
  input: SsoStartRequest;
  unseal: (sealed: Buffer, orgId: string) => string;
  now?: Date;
}): Promise<SsoStartResponse> {
  const sso = await findOrganisation(db, input);
  let config: oidc.Configuration;
  try {
    config = await discoverIssuer({
      issuerUrl: sso.issuerUrl,
      clientId: sso.clientId,
      clientSecret: unsealClientSecret(sso, unseal),
      policy,
    });
  } catch (error) {
    if (error instanceof IssuerDiscoveryError) throw ssoProviderError('unprocessable');
    throw error;
  }

  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const redirectUri = ssoRedirectUri(webUrl);
  const expiresAt = new Date(now.getTime() + SSO_STATE_TTL_MS);
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SSO_SCOPES,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(input.email ? { login_hint: input.email } : {}),
  });

  // Abandoned sign-ins leave rows behind; each start sweeps the expired ones (indexed by expiry).
  await db.ssoLoginState.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.ssoLoginState.create({
    data: {
      orgId: sso.orgId,
      stateHash: hashSsoState(state),
      codeVerifier,
      nonce,
      redirectUri,
      nextPath: safeNextPath(input.next),
      expiresAt,
    },
    select: { id: true },
  });
  return { authorizationUrl: authorizationUrl.href, state, expiresAt: expiresAt.toISOString() };
}

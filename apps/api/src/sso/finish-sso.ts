import type { SsoCallbackRequest, SsoSession } from '@resonance/contracts';
import { type Db, isPrismaError, PrismaErrorCode } from '@resonance/db';
import { type SsoRefusal, ssoAccountRefusal, verifiedSsoEmail } from '@resonance/domain';
import * as oidc from 'openid-client';
import { issueSession, sessionUserSelect } from '../auth/issue-session';
import type { AccessTokenSigner } from '../auth/tokens';
import { AppError } from '../errors/problem';
import { discoverIssuer } from './discover-issuer';
import type { IssuerFetchPolicy } from './issuer-fetch';
import { ssoProviderError, unsealClientSecret } from './sso-provider';
import { hashSsoState } from './start-sso';

const REFUSALS: Record<SsoRefusal, { code: string; detail: string }> = {
  'email-unverified': {
    code: 'sso-email-unverified',
    detail: 'The identity provider has not verified your email address.',
  },
  'domain-not-allowed': {
    code: 'sso-domain-not-allowed',
    detail: "Your email address is not in one of the organisation's domains for single sign-on.",
  },
  'not-in-organisation': {
    code: 'sso-not-in-organisation',
    detail: "No one with your email address is in this organisation's chart.",
  },
  'no-login': {
    code: 'sso-no-login',
    detail: 'You have no login in this organisation yet; ask an admin to give you one.',
  },
  'account-deactivated': { code: 'sso-account-deactivated', detail: 'Your login is deactivated.' },
};

function refused(reason: SsoRefusal): AppError {
  return new AppError('forbidden', REFUSALS[reason].detail, { code: REFUSALS[reason].code });
}

/** Takes the sign-in's state out of the table: whoever deletes it first has it, a second try finds nothing. */
async function claimState(db: Db, state: string) {
  try {
    return await db.ssoLoginState.delete({
      where: { stateHash: hashSsoState(state) },
      select: {
        orgId: true,
        codeVerifier: true,
        nonce: true,
        redirectUri: true,
        nextPath: true,
        expiresAt: true,
      },
    });
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.recordNotFound)) return null;
    throw error;
  }
}

/**
 * Completes the authorization code flow: exchanges the code (with the PKCE verifier) at the
 * organisation's provider, checks the ID token (issuer, audience, signature, nonce, expiry — by
 * openid-client), and logs in the person of that organisation's chart whose email the token
 * verifiably carries. Nothing is stored about the sign-in; the state is gone afterwards.
 */
export async function finishSso({
  db,
  signAccessToken,
  policy,
  input,
  unseal,
  onProviderError,
  now = new Date(),
}: {
  db: Db;
  signAccessToken: AccessTokenSigner;
  policy: IssuerFetchPolicy;
  input: SsoCallbackRequest;
  unseal: (sealed: Buffer, orgId: string) => string;
  /** For the operator's log: what the provider or openid-client said. */
  onProviderError?: (error: unknown) => void;
  now?: Date;
}): Promise<SsoSession> {
  const login = await claimState(db, input.state);
  if (!login) {
    throw new AppError(
      'unauthenticated',
      'This sign-in is unknown or was already used. Please start again.',
      {
        code: 'sso-state-invalid',
      },
    );
  }
  if (login.expiresAt <= now) {
    throw new AppError('unauthenticated', 'This sign-in took too long. Please start again.', {
      code: 'sso-state-expired',
    });
  }
  const sso = await db.organisationSso.findFirst({
    where: { orgId: login.orgId, enabled: true },
    select: { orgId: true, issuerUrl: true, clientId: true, clientSecretSealed: true, allowedDomains: true },
  });
  if (!sso) {
    throw new AppError('notFound', 'This organisation no longer signs in with single sign-on.', {
      code: 'sso-not-configured',
    });
  }

  let claims: Record<string, unknown>;
  try {
    const config = await discoverIssuer({
      issuerUrl: sso.issuerUrl,
      clientId: sso.clientId,
      clientSecret: unsealClientSecret(sso, unseal),
      policy,
    });
    const callbackUrl = new URL(login.redirectUri);
    callbackUrl.searchParams.set('code', input.code);
    callbackUrl.searchParams.set('state', input.state);
    if (input.iss !== undefined) callbackUrl.searchParams.set('iss', input.iss);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: input.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the token response has no ID token');
    claims = { ...idToken };
    // Some providers put only the subject into the ID token; the email then comes from userinfo,
    // which openid-client checks is about the same subject.
    if (claims.email === undefined) {
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), sub: idToken.sub };
    }
  } catch (error) {
    onProviderError?.(error);
    throw ssoProviderError('unauthenticated');
  }

  const identity = verifiedSsoEmail(claims, sso.allowedDomains);
  if (!identity.ok) throw refused(identity.reason);
  const person = await db.person.findUnique({
    where: { orgId_email: { orgId: sso.orgId, email: identity.email } },
    select: { active: true, role: true, user: { select: { ...sessionUserSelect, active: true } } },
  });
  const refusal = ssoAccountRefusal(person);
  if (refusal || !person?.user) throw refused(refusal ?? 'no-login');
  const session = await issueSession({ db, signAccessToken, user: person.user, now });
  return { ...session, next: login.nextPath };
}

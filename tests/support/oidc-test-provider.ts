import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** What the provider says about a test account in its tokens. */
export interface TestAccountClaims {
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

export interface OidcTestProvider {
  /** The issuer identifier (also where it listens, unless it was told to claim another issuer). */
  issuer: string;
  /** Where it listens: http://127.0.0.1:<port>. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject; set claims per test. */
  accounts: Map<string, TestAccountClaims>;
  /** Seconds an authorization code lives (default 60). */
  setCodeTtl(seconds: number): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`, the certified Node implementation) on a loopback port, with
 * one confidential client registered for `redirectUri`. Its sign-in and consent screens are replaced
 * by an interaction endpoint that `signInAtProvider` completes for a chosen account.
 */
export async function startOidcTestProvider({
  redirectUri,
  claimedIssuer,
  idTokenCarriesClaims = true,
}: {
  redirectUri: string;
  /** Announce this issuer in the discovery document instead of the listening URL (an impostor). */
  claimedIssuer?: string;
  /** false: email and email_verified come only from the userinfo endpoint (as with some providers). */
  idTokenCarriesClaims?: boolean;
}): Promise<OidcTestProvider> {
  const accounts = new Map<string, TestAccountClaims>();
  let codeTtl = 60;
  const clientId = `resonance-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  let provider!: Provider;
  let handle: ReturnType<Provider['callback']> | undefined;
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith('/interaction/')) {
      completeInteraction(provider, accounts, request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
      return;
    }
    handle ??= provider.callback();
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = claimedIssuer ?? url;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: !idTokenCarriesClaims,
    findAccount: async (_ctx, sub) =>
      accounts.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: () => codeTtl,
      AccessToken: 600,
      IdToken: 600,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
    // Quiet: the provider's own error rendering would print to the test output.
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
  provider = new Provider(issuer, configuration);

  return {
    issuer,
    url,
    clientId,
    clientSecret,
    accounts,
    setCodeTtl: (seconds) => {
      codeTtl = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Logs in the account named by `?account=` (or, for a real browser, the one whose email the client
 * passed as `login_hint`) and grants what the client asked for.
 */
async function completeInteraction(
  provider: Provider,
  accounts: Map<string, TestAccountClaims>,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const details = await provider.interactionDetails(request, response);
  const hint = String(details.params.login_hint ?? '');
  const account =
    new URL(request.url ?? '/', 'http://provider').searchParams.get('account') ??
    [...accounts].find(([, claims]) => hint && claims.email === hint)?.[0] ??
    '';
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(request, response, { login: { accountId: account } });
    return;
  }
  const accountId = details.session?.accountId ?? account;
  const clientId = String(details.params.client_id);
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
    : new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/**
 * Plays the browser at the provider: follows the authorization URL through its redirects (with the
 * provider's cookies), signs in as `account`, and returns the URL the provider sends the browser back
 * to (the web app's callback with `code`, `state` and `iss`, or an `error`).
 */
export async function signInAtProvider(authorizationUrl: string, account: string, redirectUri: string) {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const separator = pair?.indexOf('=') ?? -1;
      if (pair && separator > 0) cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    await response.body?.cancel();
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    if (next.pathname.startsWith('/interaction/')) next.searchParams.set('account', account);
    url = next;
  }
  throw new Error('the provider redirected too often');
}

/** The parameters of the provider's redirect, as the web app passes them to the API's callback. */
export function callbackParams(callback: URL) {
  const code = callback.searchParams.get('code');
  const state = callback.searchParams.get('state');
  if (!code || !state) throw new Error(`no code in the callback: ${callback.search}`);
  const iss = callback.searchParams.get('iss');
  return { code, state, ...(iss ? { iss } : {}) };
}

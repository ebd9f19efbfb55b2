import * as oidc from 'openid-client';
import { guardedIssuerFetch, type IssuerFetchPolicy, IssuerFetchRefused } from './issuer-fetch';

export type DiscoveryFailure = 'refused' | 'mismatch' | 'unreachable';

/** Discovery failed; `reason` is ours to show, the cause stays in the log. */
export class IssuerDiscoveryError extends Error {
  override name = 'IssuerDiscoveryError';
  constructor(
    readonly reason: DiscoveryFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function discoveryFailure(error: unknown): IssuerDiscoveryError {
  const cause = error instanceof oidc.ClientError ? (error.cause ?? error) : error;
  if (cause instanceof IssuerFetchRefused)
    return new IssuerDiscoveryError('refused', cause.message, { cause });
  if (error instanceof oidc.ClientError && error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    return new IssuerDiscoveryError(
      'mismatch',
      'The discovery document names another issuer than this URL.',
      { cause: error },
    );
  }
  return new IssuerDiscoveryError(
    'unreachable',
    'The identity provider did not answer with an OpenID discovery document.',
    { cause: error },
  );
}

/**
 * Fetches the provider's discovery document (`/.well-known/openid-configuration` under the issuer)
 * and returns openid-client's configuration for this client. openid-client checks that the document
 * names exactly this issuer, so a URL cannot borrow another provider's metadata.
 */
export async function discoverIssuer({
  issuerUrl,
  clientId,
  clientSecret,
  policy,
}: {
  issuerUrl: string;
  clientId: string;
  clientSecret: string | null;
  policy: IssuerFetchPolicy;
}): Promise<oidc.Configuration> {
  const customFetch = guardedIssuerFetch(policy);
  const options: oidc.DiscoveryRequestOptions = {
    [oidc.customFetch]: customFetch as oidc.CustomFetch,
    timeout: policy.timeoutSeconds,
    ...(policy.requireHttps ? {} : { execute: [oidc.allowInsecureRequests] }),
  };
  let discovered: oidc.Configuration;
  try {
    discovered = await oidc.discovery(new URL(issuerUrl), clientId, undefined, oidc.None(), options);
  } catch (error) {
    throw discoveryFailure(error);
  }
  if (clientSecret === null) return discovered;

  // client_secret_basic is the spec's default; post only for a provider that offers nothing else.
  const metadata = discovered.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported;
  const usePost =
    methods !== undefined &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post');
  const config = new oidc.Configuration(
    metadata,
    clientId,
    clientSecret,
    usePost ? oidc.ClientSecretPost(clientSecret) : oidc.ClientSecretBasic(clientSecret),
  );
  config[oidc.customFetch] = customFetch as oidc.CustomFetch;
  config.timeout = policy.timeoutSeconds;
  if (!policy.requireHttps) oidc.allowInsecureRequests(config);
  return config;
}

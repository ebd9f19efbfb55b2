import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Env } from '../env';

/**
 * An organisation admin chooses the issuer URL, and the discovery document chooses the token and
 * key URLs: each request the server makes to an identity provider goes through this guard, so an
 * admin of one tenant cannot use the server to reach what only it can reach (SSRF).
 */
export interface IssuerFetchPolicy {
  /** Refuse plain http (production). */
  requireHttps: boolean;
  /** Allow hosts that resolve to loopback, private, link-local or other non-public addresses. */
  allowPrivateAddresses: boolean;
  /** Per request, connection to last byte. */
  timeoutSeconds: number;
  /** A discovery document or key set is a few KiB; anything much larger is refused unread. */
  maxResponseBytes: number;
}

export function issuerFetchPolicy(env: Pick<Env, 'NODE_ENV' | 'SSO_PRIVATE_ISSUERS'>): IssuerFetchPolicy {
  const production = env.NODE_ENV === 'production';
  return {
    requireHttps: production,
    allowPrivateAddresses: !production || env.SSO_PRIVATE_ISSUERS,
    timeoutSeconds: 5,
    maxResponseBytes: 512 * 1024,
  };
}

/** A request the policy refuses; its message is ours (never content fetched from the provider). */
export class IssuerFetchRefused extends Error {
  override name = 'IssuerFetchRefused';
}

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return nonPublic.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) reaches the IPv4 host.
  const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return nonPublic.check(mapped[1], 'ipv4');
  return nonPublic.check(address, 'ipv6');
}

async function assertPublicHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw new IssuerFetchRefused(`The host ${host} could not be resolved.`);
        },
      );
  if (addresses.length === 0 || addresses.some(isNonPublicAddress)) {
    throw new IssuerFetchRefused(`The host ${host} is not on a public address.`);
  }
}

async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new IssuerFetchRefused('The identity provider sent a response larger than expected.');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new IssuerFetchRefused('The identity provider sent a response larger than expected.');
      }
      chunks.push(chunk);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A fetch for openid-client's `customFetch` that applies the policy to every request. */
export function guardedIssuerFetch(policy: IssuerFetchPolicy) {
  return async (
    url: string,
    options: {
      method: string;
      headers: Record<string, string>;
      body?: unknown;
      redirect?: 'manual';
      signal?: AbortSignal;
    },
  ): Promise<Response> => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      throw new IssuerFetchRefused('Only http(s) URLs are fetched.');
    }
    if (policy.requireHttps && target.protocol !== 'https:') {
      throw new IssuerFetchRefused('The identity provider must use https.');
    }
    if (!policy.allowPrivateAddresses) await assertPublicHost(target.hostname);
    const timeout = AbortSignal.timeout(policy.timeoutSeconds * 1000);
    const response = await fetch(url, {
      method: options.method,
      headers: options.headers,
      body: options.body as RequestInit['body'],
      // A redirect could lead anywhere the checks above did not look; providers do not redirect these.
      redirect: 'manual',
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    const body = await readBounded(response, policy.maxResponseBytes);
    return new Response(NO_BODY_STATUSES.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

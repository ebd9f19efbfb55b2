import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  guardedIssuerFetch,
  IssuerFetchRefused,
  isNonPublicAddress,
  issuerFetchPolicy,
} from './issuer-fetch';

const production = issuerFetchPolicy({ NODE_ENV: 'production', SSO_PRIVATE_ISSUERS: false });
const development = issuerFetchPolicy({ NODE_ENV: 'development', SSO_PRIVATE_ISSUERS: false });
const request = { method: 'GET', headers: {} };

describe('isNonPublicAddress', () => {
  it('flags loopback, private, link-local (cloud metadata), CGNAT and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      'not an address',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });
});

describe('guardedIssuerFetch', () => {
  it('in production refuses plain http and hosts on private or loopback addresses, before any request', async () => {
    const fetchFor = guardedIssuerFetch(production);
    for (const url of [
      'http://login.example.com/.well-known/openid-configuration',
      'https://127.0.0.1/.well-known/openid-configuration',
      'https://[::1]/.well-known/openid-configuration',
      'https://169.254.169.254/latest/meta-data',
      'https://localhost/.well-known/openid-configuration',
      'file:///etc/passwd',
    ]) {
      await expect(fetchFor(url, request), url).rejects.toBeInstanceOf(IssuerFetchRefused);
    }
  });

  it('allows private SSO issuers in production only when the operator says so', () => {
    expect(issuerFetchPolicy({ NODE_ENV: 'production', SSO_PRIVATE_ISSUERS: true })).toMatchObject({
      requireHttps: true,
      allowPrivateAddresses: true,
    });
  });

  it('follows no redirect, cuts a slow provider and refuses an oversized answer', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 3_000);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`"${'x'.repeat(600 * 1024)}"`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fetchFor = guardedIssuerFetch({ ...development, timeoutSeconds: 0.3 });
      const redirected = await fetchFor(`${base}/redirect`, request);
      expect(redirected.status).toBe(302);
      await expect(fetchFor(`${base}/slow`, request)).rejects.toThrow();
      await expect(fetchFor(`${base}/large`, request)).rejects.toBeInstanceOf(IssuerFetchRefused);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

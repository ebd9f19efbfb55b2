import { describe, expect, it } from 'vitest';
import { needsRefresh, readUnverifiedClaims } from './access-token';

const token = (claims: object) =>
  ['header', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.');

describe('access token claims', () => {
  it('reads the expiry and role without verifying the signature', () => {
    expect(readUnverifiedClaims(token({ exp: 100, role: 'leader' }))).toMatchObject({
      exp: 100,
      role: 'leader',
    });
    expect(readUnverifiedClaims('not-a-jwt')).toBeUndefined();
  });

  it('asks for a refresh shortly before the token expires, or when it is missing', () => {
    const now = Date.UTC(2026, 0, 1);
    const exp = now / 1000 + 600;
    expect(needsRefresh(token({ exp }), now)).toBe(false);
    expect(needsRefresh(token({ exp }), now + 550_000)).toBe(true);
    expect(needsRefresh(undefined, now)).toBe(true);
    expect(needsRefresh(token({ sub: 'x' }), now)).toBe(true);
  });
});

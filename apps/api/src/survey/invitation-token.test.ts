import { describe, expect, it } from 'vitest';
import { createInvitationToken, hashInvitationToken, isWellFormedInvitationToken } from './invitation-token';

describe('invitation tokens', () => {
  it('carry 256 random bits as 43 base64url characters and are stored as a SHA-256 hash', () => {
    const { token, tokenHash } = createInvitationToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashInvitationToken(token));
    expect(tokenHash).not.toContain(token);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createInvitationToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('recognise their own format only', () => {
    expect(isWellFormedInvitationToken(createInvitationToken().token)).toBe(true);
    expect(isWellFormedInvitationToken('short')).toBe(false);
    expect(isWellFormedInvitationToken(`${'a'.repeat(42)}=`)).toBe(false);
  });
});

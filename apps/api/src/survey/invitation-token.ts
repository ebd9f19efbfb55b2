import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), base64url: 43 characters, safe in a URL fragment. */
export function createInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

/** Only this hash is stored; a database leak reveals no working link. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedInvitationToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

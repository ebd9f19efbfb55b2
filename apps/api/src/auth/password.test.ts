import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('salts every hash and records scrypt with its cost parameters', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same password!'),
      hashPassword('same password!'),
    ]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
  });

  it('treats differently composed Unicode the same (NFKC)', async () => {
    const hash = await hashPassword('Gr\u00fc\u00dfe aus K\u00f6ln');
    expect(await verifyPassword('Gru\u0308\u00dfe aus Ko\u0308ln', hash)).toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plaintext', 'bcrypt$10$abc', 'scrypt$15$8$1$onlysalt']) {
      expect(await verifyPassword('whatever', stored)).toBe(false);
    }
  });
});

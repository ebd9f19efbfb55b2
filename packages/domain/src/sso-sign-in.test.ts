import { describe, expect, it } from 'vitest';
import { emailDomain, ssoAccountRefusal, verifiedSsoEmail } from './sso-sign-in';

describe('verifiedSsoEmail', () => {
  const domains = ['example.com', 'example.de'];

  it('accepts a verified email of an allowed domain, lowercased', () => {
    expect(verifiedSsoEmail({ email: 'Ana@Example.COM', email_verified: true }, domains)).toEqual({
      ok: true,
      email: 'ana@example.com',
    });
  });

  it('refuses an email the provider has not verified, however it says so', () => {
    for (const email_verified of [false, undefined, 'false', 1, null]) {
      expect(verifiedSsoEmail({ email: 'ana@example.com', email_verified }, domains)).toEqual({
        ok: false,
        reason: 'email-unverified',
      });
    }
    expect(verifiedSsoEmail({ email_verified: true }, domains)).toMatchObject({ reason: 'email-unverified' });
  });

  it('refuses other domains, subdomains and look-alikes', () => {
    for (const email of ['ana@example.org', 'ana@sub.example.com', 'ana@example.com.evil.test', 'ana@']) {
      expect(verifiedSsoEmail({ email, email_verified: true }, domains)).toEqual({
        ok: false,
        reason: 'domain-not-allowed',
      });
    }
  });

  it('takes the domain after the last @', () => {
    expect(emailDomain('"a@example.com"@evil.test')).toBe('evil.test');
    expect(emailDomain('no-at-sign')).toBeUndefined();
  });
});

describe('ssoAccountRefusal', () => {
  it('lets an active leader or admin with an active login in', () => {
    expect(ssoAccountRefusal({ active: true, role: 'leader', user: { active: true } })).toBeUndefined();
    expect(ssoAccountRefusal({ active: true, role: 'admin', user: { active: true } })).toBeUndefined();
  });

  it('names why everyone else stays out', () => {
    expect(ssoAccountRefusal(null)).toBe('not-in-organisation');
    expect(ssoAccountRefusal({ active: true, role: 'member', user: null })).toBe('no-login');
    expect(ssoAccountRefusal({ active: true, role: 'leader', user: null })).toBe('no-login');
    expect(ssoAccountRefusal({ active: false, role: 'leader', user: { active: true } })).toBe(
      'account-deactivated',
    );
    expect(ssoAccountRefusal({ active: true, role: 'leader', user: { active: false } })).toBe(
      'account-deactivated',
    );
  });
});

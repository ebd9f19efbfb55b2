import { describe, expect, it } from 'vitest';
import { issuerUrlSchema, ssoDomainSchema, ssoStartRequestSchema, updateOrgSsoRequestSchema } from './sso';

describe('SSO contracts', () => {
  it('takes an issuer identifier, not a discovery URL, and nothing that could smuggle more', () => {
    expect(issuerUrlSchema.parse(' https://login.example.com/realms/staff ')).toBe(
      'https://login.example.com/realms/staff',
    );
    for (const url of [
      'https://login.example.com/.well-known/openid-configuration',
      'https://user:pass@login.example.com',
      'https://login.example.com/?next=x',
      'https://login.example.com/#x',
      'ftp://login.example.com',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(issuerUrlSchema.safeParse(url).success, url).toBe(false);
    }
  });

  it('lowercases domains and refuses what is not one', () => {
    expect(ssoDomainSchema.parse(' Example.COM ')).toBe('example.com');
    expect(ssoDomainSchema.parse('xn--mller-kva.de')).toBe('xn--mller-kva.de');
    for (const domain of ['@example.com', 'example', 'exa mple.com', '-example.com', 'example.com.']) {
      expect(ssoDomainSchema.safeParse(domain).success, domain).toBe(false);
    }
  });

  it('needs SSO on for SSO only, and one way to find the organisation at the start', () => {
    const base = { issuerUrl: 'https://idp.example.com', clientId: 'c', allowedDomains: ['example.com'] };
    expect(updateOrgSsoRequestSchema.parse(base)).toMatchObject({ enabled: true, ssoOnly: false });
    expect(updateOrgSsoRequestSchema.safeParse({ ...base, enabled: false, ssoOnly: true }).success).toBe(
      false,
    );
    expect(updateOrgSsoRequestSchema.safeParse({ ...base, allowedDomains: ['a.com', 'A.com'] }).success).toBe(
      false,
    );
    expect(ssoStartRequestSchema.safeParse({}).success).toBe(false);
    expect(ssoStartRequestSchema.safeParse({ email: 'ana@example.com' }).success).toBe(true);
  });
});

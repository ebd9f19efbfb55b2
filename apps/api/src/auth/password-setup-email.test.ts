import { describe, expect, it } from 'vitest';
import { renderPasswordSetupEmail } from './password-setup-email';

const input = {
  name: 'Lea Leader',
  orgName: 'Acme',
  link: 'https://resonance.example/set-password#t=abc',
  expiresAt: new Date('2026-12-03T10:00:00Z'),
  timeZone: 'Europe/Berlin',
};

describe('the password-setup email', () => {
  it('states the expiry in the organisation’s time zone, named, not in UTC', () => {
    const de = renderPasswordSetupEmail({ ...input, locale: 'de' });
    expect(de.text).toContain('bis 3. Dezember 2026 um 11:00 (Europe/Berlin).');
    const en = renderPasswordSetupEmail({ ...input, locale: 'en' });
    expect(en.text).toContain('until 3 December 2026 at 11:00 (Europe/Berlin).');
    expect(en.text).not.toContain('UTC');
  });

  it('escapes the name in the HTML part', () => {
    const email = renderPasswordSetupEmail({ ...input, locale: 'en', name: '<b>Eve</b>' });
    expect(email.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;,');
    expect(email.text).toContain('Hello <b>Eve</b>,');
  });
});

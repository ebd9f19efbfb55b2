/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, setupTokenInEmail } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot } from '../support/e2e-browser';

describe('the session', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends visitors without a session from protected pages to the login, and back after it', async () => {
    const { page } = browser;
    await page.goto('/admin/rounds');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/rounds');
    await expectAccessible(page, 'login');
    await page.getByLabel('Email').fill(inject('e2e').adminEmail);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That email and password do not match an account.').waitFor();
    await page.getByLabel('Password').fill(inject('e2e').password);
    await Promise.all([
      page.waitForURL('**/admin/rounds'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  });

  it('sends a Content-Security-Policy with a fresh nonce, and the pages run under it', async () => {
    const { page } = browser;
    const violations: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (/Content Security Policy|Refused to (execute|load)/.test(message.text()))
        violations.push(message.text());
    };
    page.on('console', onConsole);
    try {
      const first = await page.goto('/admin/rounds');
      const policy = first?.headers()['content-security-policy'] ?? '';
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
      // Next.js put this response's nonce on its scripts.
      const scripts = await page.locator('script[nonce]').count();
      expect(scripts).toBeGreaterThan(0);
      const second = await page.goto('/admin/rounds');
      expect(second?.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
      // The page is interactive under the policy: client navigation works.
      await page.getByRole('link', { name: 'Schedule a round' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Schedule a round' }).waitFor();
      expect(violations).toEqual([]);
    } finally {
      page.off('console', onConsole);
    }
  });

  it('keeps the tokens in httpOnly cookies that page scripts cannot read', async () => {
    const { page, context } = browser;
    const cookies = await context.cookies();
    const session = cookies.filter(
      (cookie) => cookie.name.startsWith('resonance_') && cookie.name !== 'resonance_locale',
    );
    expect(session.map((cookie) => cookie.name).sort()).toEqual(['resonance_access', 'resonance_refresh']);
    for (const cookie of session) {
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
    }
    expect(await page.evaluate(() => document.cookie)).not.toContain('resonance_access');
  });

  it('renews an expired access token with the refresh token and rotates both cookies', async () => {
    const { page, context } = browser;
    const before = await context.cookies();
    const refreshBefore = before.find((cookie) => cookie.name === 'resonance_refresh')?.value;
    await context.clearCookies({ name: 'resonance_access' });
    await page.goto('/admin/people');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const after = await context.cookies();
    expect(after.find((cookie) => cookie.name === 'resonance_access')?.value).toBeTruthy();
    expect(after.find((cookie) => cookie.name === 'resonance_refresh')?.value).not.toBe(refreshBefore);
  });

  it('answers a 401 from the API by refreshing once and coming back to the page', async () => {
    const { page, context } = browser;
    // Looks valid for an hour, so the proxy keeps it; the API rejects its signature.
    const payload = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).toString(
      'base64url',
    );
    const current = (await context.cookies()).find((cookie) => cookie.name === 'resonance_access');
    await context.addCookies([{ ...current!, value: `eyJhbGciOiJIUzI1NiJ9.${payload}.forged-signature` }]);
    await page.goto('/admin/rounds');
    await page.getByRole('heading', { level: 1, name: 'Feedback rounds' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/rounds');
    const renewed = (await context.cookies()).find((cookie) => cookie.name === 'resonance_access')?.value;
    expect(renewed).not.toContain('forged-signature');
  });

  it('signs out, revokes the refresh token and protects the pages again', async () => {
    const { page, context } = browser;
    const refresh = (await context.cookies()).find((cookie) => cookie.name === 'resonance_refresh')?.value;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.', { exact: false }).waitFor();
    expect((await context.cookies()).some((cookie) => cookie.name === 'resonance_refresh')).toBe(false);
    const reuse = await fetch(`${inject('e2e').apiUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: refresh }),
    });
    expect(reuse.status).toBe(401);
    await page.goto('/dashboard');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('lets a new leader choose a password from the emailed link and signs them in', async () => {
    const { page } = browser;
    const e2e = inject('e2e');
    const api = new E2eApi(e2e.apiUrl);
    await api.login(e2e.adminEmail, e2e.password);
    const cleo = (await api.people('&search=cleo')).items.find((person) => person.email === 'cleo@e2e.test');
    const seen = new Set((await api.outbox()).items.map((mail) => mail.id));
    await api.ok('POST', `/people/${cleo?.id}/invite-user`);
    const mail = (await api.outbox()).items.find((candidate) => !seen.has(candidate.id));
    const token = mail ? setupTokenInEmail(mail.text) : undefined;
    expect(token).toBeTruthy();

    await page.goto(`/set-password#t=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    // The page removes the token from the address bar once it has read it (after hydration).
    await page.waitForFunction(() => window.location.hash === '', undefined, { timeout: 10_000 });
    expect(page.url()).not.toContain('#');
    await page.getByLabel('New password').fill('a long and memorable sentence');
    await page.getByLabel('Repeat the password').fill('a long and memorable sentence');
    await screenshot(page, 'set-password');
    await expectAccessible(page, 'set password');
    await Promise.all([
      page.waitForURL('**/dashboard'),
      page.getByRole('button', { name: 'Save and sign in' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Your leadership resonance' }).waitFor();
    // Cleo was never rated: an empty state, not an error.
    await page.getByRole('heading', { name: 'No results yet' }).waitFor();
    await screenshot(page, 'dashboard-empty');
    await expectAccessible(page, 'empty dashboard');
  });
});

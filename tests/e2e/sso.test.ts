/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';
import { type OidcTestProvider, startOidcTestProvider } from '../support/oidc-test-provider';

/**
 * Single sign-on in a real browser against a real OpenID provider (oidc-provider on a loopback port):
 * the admin configures it in the console, then signs in through the provider and lands in the console.
 */
describe('single sign-on in the browser', () => {
  let browser: E2eBrowser;
  let idp: OidcTestProvider;
  const suffix = randomUUID().slice(0, 8);
  const domain = `sso-${suffix}.test`;
  const email = `ada@${domain}`;
  const password = 'a long and memorable sentence';

  beforeAll(async () => {
    idp = await startOidcTestProvider({ redirectUri: `${inject('e2e').webUrl}/login/sso/callback` });
    idp.accounts.set(randomUUID(), { email, email_verified: true, name: 'Ada Admin' });
    await new E2eApi(inject('e2e').apiUrl).signup(`Birkenweg ${suffix}`, 'Ada Admin', email, password);
    browser = await openBrowser({ width: 375, height: 800, isMobile: true });
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
  });

  it('is configured in the settings, showing the redirect URI to register', async () => {
    const { page } = browser;
    await signIn(page, email, password);
    await page.goto('/admin/settings');
    const section = page.getByRole('region', { name: 'Single sign-on (OpenID Connect)' });
    await section.getByText(`${inject('e2e').webUrl}/login/sso/callback`).waitFor();
    await section.getByLabel('Issuer URL').fill(idp.issuer);
    await section.getByLabel('Client ID').fill(idp.clientId);
    await section.getByLabel('Client secret').fill(idp.clientSecret);
    await section.getByLabel('Allowed email domains').fill(domain);
    await section.getByRole('button', { name: 'Save single sign-on' }).click();
    await section.getByRole('status').getByText('Single sign-on saved.').waitFor();
    expect(await section.getByLabel('Client secret').inputValue()).toBe('');
    await screenshot(page, 'settings-sso-phone');
    await expectAccessible(page, 'settings with SSO');
  });

  it('signs the admin in through the identity provider and into the console', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await page.goto('/login');
    await expectAccessible(page, 'login with SSO');
    await screenshot(page, 'login-sso-phone');
    await page.getByLabel('Organisation or work address').fill(email);
    await Promise.all([
      page.waitForURL('**/admin/overview'),
      page.getByRole('button', { name: 'Continue to sign-in' }).click(),
    ]);
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.name)).toEqual(
      expect.arrayContaining(['resonance_access', 'resonance_refresh']),
    );
    // The state cookie did its job and is gone.
    expect(cookies.find((cookie) => cookie.name === 'resonance_sso_state')?.value ?? '').toBe('');
  });

  it('refuses a callback this browser did not start (login CSRF) with a friendly message', async () => {
    const { page } = browser;
    await page.goto('/login/sso/callback?code=stolen&state=someone-elses-state-0123456789');
    await page.waitForURL('**/login?sso=sso-state-invalid');
    await page
      .getByRole('alert')
      .getByText('This sign-in could not be matched to this browser or was already used.', { exact: false })
      .waitFor();
  });

  it('tells someone whose domain has no single sign-on, without leaving the page', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.getByLabel('Organisation or work address').fill(`someone@nobody-${suffix}.test`);
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await page
      .getByRole('alert')
      .getByText('No organisation signs in with single sign-on for this email address', { exact: false })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

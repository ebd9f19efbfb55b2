import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, tokenInEmail } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

describe('German and English', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser({ locale: 'de-DE' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('follows the browser language on the first visit', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await screenshot(page, 'login-de');
    await expectAccessible(page, 'login (German)');
  });

  it('switches to English and back with the visible language switch', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'login-en');
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  });

  it('keeps the choice after signing in and localises numbers and dates', async () => {
    const { page } = browser;
    await signIn(page, inject('e2e').leaderEmail);
    await page.getByRole('heading', { level: 1, name: 'Wie Ihre Führung ankommt' }).waitFor();
    // German decimal commas in scores, German month names in dates.
    const card = page.locator('[data-thesis="dialogue"]');
    expect(await card.textContent()).toMatch(/\d,\d/);
    expect(await page.getByText(/Runde beendet am \d{1,2}\. \p{L}+ \d{4}/u).count()).toBe(1);
    await screenshot(page, 'dashboard-de');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Your leadership resonance' }).waitFor();
    expect(await page.locator('[data-thesis="dialogue"]').textContent()).toMatch(/\d\.\d/);
  });

  it("saves a signed-in user's choice and applies it at the next login", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login?signedOut=1');
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await signIn(page, inject('e2e').leaderEmail);
    // English was chosen on the dashboard above and saved with the account.
    await page.getByRole('heading', { level: 1, name: 'Your leadership resonance' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('switches the questionnaire itself when a rater changes the language', async () => {
    const { page } = browser;
    const e2e = inject('e2e');
    const api = new E2eApi(e2e.apiUrl);
    await api.login(e2e.adminEmail, e2e.password);
    let token: string | undefined;
    for (const mail of (await api.outbox()).items) {
      const candidate = mail.to === 'm2@e2e.test' ? tokenInEmail(mail.text) : undefined;
      if (candidate && (await api.survey(candidate)).status === 200) {
        token = candidate;
        break;
      }
    }
    expect(token).toBeTruthy();
    await page.goto(`/survey#t=${token}`);
    await page.getByRole('heading', { level: 1, name: /How does Max Manager lead\?/ }).waitFor();
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await page.getByRole('heading', { level: 1, name: /Wie führt Max Manager\?/ }).waitFor();
    await page.getByText(/^3 Personen wurden in Ihrer Gruppe \(.+\) für Max Manager eingeladen\.$/).waitFor();
    await screenshot(page, 'survey-de-intro');
    await page.getByRole('button', { name: 'Los geht’s' }).click();
    await page.getByText('Schritt 1 von 11').waitFor();
    expect(await page.getByRole('radio', { name: 'Trifft eher zu' }).count()).toBe(3);
    await screenshot(page, 'survey-de');
  });
});

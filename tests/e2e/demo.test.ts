import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

const DEMO_PASSWORD = 'resonance-demo';

describe('the seeded demo organisation', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser({ locale: 'en-GB' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows Thomas Brandt's small team as suppressed, in his own language", async () => {
    const { page } = browser;
    await signIn(page, 'leader4@demo.resonance.local', DEMO_PASSWORD);
    // His language setting is German, and it wins over the browser's English.
    await page.getByRole('heading', { level: 1, name: 'Wie Ihre Führung ankommt' }).waitFor();
    const team = page.locator('[data-group="direct_report"]');
    expect(await team.getByText('Zu wenige Antworten').isVisible()).toBe(true);
    // His report rests on his peers only, and the top of it says so.
    const warning = page.locator('[data-basis-warning]');
    expect(await warning.textContent()).toContain('Dieser Bericht beruht nur auf: Kolleginnen und Kollegen');
    expect(await warning.textContent()).toContain('nicht, wie Ihr Team Sie sieht');
    expect(await page.locator('img[alt*="Wert über 4 Runden"]').count()).toBe(9);
    await screenshot(page, 'dashboard-demo-suppressed-de');
    await expectAccessible(page, 'demo dashboard (German)');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL('**/login?signedOut=1');
  });

  it('lets the demo admin open a survey link from the outbox', async () => {
    const { page, context } = browser;
    await signIn(page, 'admin@demo.resonance.local', DEMO_PASSWORD);
    await page.goto('/admin/outbox');
    const link = page.getByRole('link', { name: /Umfrage-Link öffnen|Open survey link/ }).first();
    const [survey] = await Promise.all([context.waitForEvent('page'), link.click()]);
    // Some demo raters have answered already; either way the link must lead to a real survey state.
    const heading = survey.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(
      /Wie führt|How does|Selbsteinschätzung|self-assessment|Bereits beantwortet|Already answered/,
    );
    expect(survey.url()).not.toContain('#');
    await survey.close();
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  drawnPixels,
  type E2eBrowser,
  expectAccessible,
  openBrowser,
  screenshot,
  signIn,
} from '../support/e2e-browser';

describe('a leader reading their dashboard', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, inject('e2e').leaderEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lands on the dashboard of the latest closed round', async () => {
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Your leadership resonance' }).waitFor();
    expect(await page.locator('#round-picker').inputValue()).not.toBe('');
    expect(await page.getByText('Results · Autumn review').isVisible()).toBe(true);
    // A leader sees no admin console.
    expect(await page.getByRole('link', { name: 'Admin console' }).count()).toBe(0);
  });

  it('draws the radar and the trend chart', async () => {
    const { page } = browser;
    const radar = 'canvas[aria-label^="Radar chart"]';
    const trend = 'canvas[aria-label^="Line chart"]';
    await page.locator(radar).waitFor();
    await page.locator(trend).waitFor();
    await expect.poll(() => drawnPixels(page, radar), { timeout: 10_000 }).toBeGreaterThan(2_000);
    await expect.poll(() => drawnPixels(page, trend), { timeout: 10_000 }).toBeGreaterThan(2_000);
  });

  it('shows the suppressed peer group as insufficient, never as a number', async () => {
    const { page } = browser;
    const peers = page.locator('[data-group="peer"]');
    await peers.waitFor();
    expect(await peers.getByText('Not enough responses').isVisible()).toBe(true);
    const manager = page.locator('[data-group="manager"]');
    expect(await manager.getByText('Identifiable').isVisible()).toBe(true);
    expect(await manager.getByText('Not enough responses').isVisible()).toBe(true);
    // A group that reaches k shows its exact count; no ranges any more.
    expect(await page.locator('[data-group="direct_report"]').getByText('5 responses').isVisible()).toBe(
      true,
    );
    expect(await page.getByText(/\d+–\d+ responses/).count()).toBe(0);
    // Nobody joined or left Lena's groups between the rounds, so nothing is withheld.
    expect(await page.locator('[data-withheld]').count()).toBe(0);
    // Every thesis card shows the peers' row as "fewer than k", not as 0.
    const card = page.locator('[data-thesis="dialogue"]');
    expect(await card.getByText('Fewer than 3').count()).toBeGreaterThan(0);
    expect(await card.getByText(/^0(\.0)?$/).count()).toBe(0);
    expect(await card.getByText('n = 5').count()).toBeGreaterThan(0);
  });

  it('lists blind spots, comments, and a concrete suggestion', async () => {
    const { page } = browser;
    expect(await page.getByRole('heading', { name: 'Blind spots and hidden strengths' }).isVisible()).toBe(
      true,
    );
    expect(
      await page.getByText('Asks for our view in every weekly meeting (Autumn review).').count(),
    ).toBeGreaterThan(0);
    expect(await page.getByText('Try next', { exact: true }).count()).toBe(9);
    await screenshot(page, 'dashboard-leader');
    await expectAccessible(page, 'leader dashboard');
  });

  it('switches to the previous round with the round picker', async () => {
    const { page } = browser;
    const picker = page.locator('#round-picker');
    const spring = await picker.locator('option', { hasText: 'Spring review' }).getAttribute('value');
    await picker.selectOption(spring!);
    await page.waitForURL(/round=/);
    await page.getByText('Results · Spring review').waitFor();
    expect(await page.getByText('No comparison yet').count()).toBe(9);
  });

  it('prints as a clean report without navigation', async () => {
    const { page } = browser;
    await page.goto('/dashboard');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print report' }).isVisible()).toBe(false);
    await expect.poll(() => drawnPixels(page, 'canvas[aria-label^="Radar chart"]')).toBeGreaterThan(2_000);
    await screenshot(page, 'dashboard-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.byteLength).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });
  });
});

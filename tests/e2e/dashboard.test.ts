import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type E2eBrowser,
  expectAccessible,
  openBrowser,
  screenshot,
  screenshotOf,
  signIn,
} from '../support/e2e-browser';
import { pdfPages } from '../support/pdf-text';

/** The shown score of each thesis card, in the order the page lists them (null where hidden). */
async function cardScores(browser: E2eBrowser): Promise<(number | null)[]> {
  return browser.page.locator('[data-thesis]').evaluateAll((cards) =>
    cards.map((card) => {
      const text = card.querySelector('[class*="scoreValue"]')?.textContent;
      return text ? Number(text.replace(',', '.')) : null;
    }),
  );
}

describe('a leader reading their report', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, inject('e2e').leaderEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens on the latest closed round and says whose report it is', async () => {
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Your leadership resonance' }).waitFor();
    expect(await page.locator('#round-picker').inputValue()).not.toBe('');
    expect(await page.locator('[data-report-meta]').textContent()).toMatch(
      /^Lena Lead · Northwind E2E · Autumn review · round closed on .+ \d{4}$/,
    );
    // A leader sees no admin console.
    expect(await page.getByRole('link', { name: 'Admin console' }).count()).toBe(0);
  });

  it('says in one line which groups the figures rest on and which are hidden', async () => {
    const { page } = browser;
    const reports = page.locator('[data-group="direct_report"]');
    expect(await reports.getByText('5 responses').isVisible()).toBe(true);
    expect(await page.locator('[data-group="peer"]').getByText('Not enough responses').isVisible()).toBe(
      true,
    );
    const manager = page.locator('[data-group="manager"]');
    expect(await manager.getByText('Identifiable').isVisible()).toBe(true);
    expect(await manager.getByText('Not enough responses').isVisible()).toBe(true);
    expect(await page.getByText(/\d+–\d+ responses/).count()).toBe(0);
    // Her team is in the figures, so no "peers only" warning; nobody joined or left, so nothing withheld.
    expect(await page.locator('[data-basis-warning]').count()).toBe(0);
    expect(await page.locator('[data-withheld]').count()).toBe(0);
  });

  it('leads with two strengths and two theses with potential, each with why and what to try', async () => {
    const { page } = browser;
    const top = page.locator('section[aria-labelledby="top-title"]');
    expect(await top.getByRole('heading', { name: 'How you are doing' }).isVisible()).toBe(true);
    const strengths = top.locator('[data-highlight="strength"]');
    const potential = top.locator('[data-highlight="potential"]');
    expect(await strengths.count()).toBe(2);
    expect(await potential.count()).toBe(2);
    for (const card of [...(await strengths.all()), ...(await potential.all())]) {
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/\d\.\d of 5/);
      expect(text).toMatch(/Org average (\d\.\d|–)/);
      expect(text).toMatch(/(vs\. previous\s*(beyond|within) noise|No previous round)/);
      expect(text).toMatch(
        /highest scores|lowest scores|Rose by|Fell by|above the organisation|below the organisation|blind spot/,
      );
    }
    expect(await strengths.getByText('Build on it').count()).toBe(2);
    expect(await potential.getByText('Try this').count()).toBe(2);
    await screenshot(page, 'report-top-desktop-en', { fullPage: false });
  });

  it('lists the theses with most potential first, detail one click away, and sorts by score on request', async () => {
    const { page } = browser;
    const firstPotential = await page
      .locator('[data-highlight="potential"]')
      .first()
      .getAttribute('data-highlight-thesis');
    expect(await page.locator('[data-thesis]').first().getAttribute('data-thesis')).toBe(firstPotential);
    const card = page.locator('[data-thesis="dialogue"]');
    // The peers' row says "fewer than k", never 0; the detail opens with one click.
    expect(await card.getByText('n = 5').isVisible()).toBe(false);
    await card.locator('summary').click();
    expect(await card.getByText('n = 5').first().isVisible()).toBe(true);
    expect(await card.getByText('Fewer than 3').count()).toBeGreaterThan(0);
    expect(await card.getByText(/^0(\.0)?$/).count()).toBe(0);
    expect(await card.getByText('Favourable (≥ 3.5)').isVisible()).toBe(true);
    expect(await card.getByText(/thesis score rounded to 1…5; 4–5 = favourable/).isVisible()).toBe(true);
    // The self-versus-others label matches the band it names.
    expect(await card.locator('[data-gap]').textContent()).toMatch(
      /^(Blind spot|Hidden strength|Close, within ±0\.5) \([+\-−]?\d/,
    );
    expect(await page.getByText('Aligned', { exact: false }).count()).toBe(0);

    await page.getByRole('link', { name: 'Highest score first' }).click();
    await page.waitForURL(/order=score/);
    await expect
      .poll(async () => {
        const scores = (await cardScores(browser)).filter((score): score is number => score !== null);
        return scores.every((score, index) => index === 0 || scores[index - 1]! >= score);
      })
      .toBe(true);
    expect(await page.getByRole('link', { name: 'Highest score first' }).getAttribute('aria-current')).toBe(
      'true',
    );
  });

  it('draws one small trend chart per thesis, with the numbers in a table', async () => {
    const { page } = browser;
    const trends = page.locator('section[aria-labelledby="trend-title"]');
    const charts = trends.locator('img[alt*="score over 2 rounds"]');
    expect(await charts.count()).toBe(9);
    expect(
      await charts.first().evaluate((image) => (image as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    for (const mark of ['Others’ score', '95 % range', 'Organisation average', 'Your self-assessment']) {
      expect(await trends.getByText(mark, { exact: true }).first().isVisible(), mark).toBe(true);
    }
    expect(await trends.locator('table tbody tr').count()).toBe(9);
    await screenshotOf(trends, 'report-trends-desktop-en');
  });

  it('shows self versus others in every round, explains the change test, and passes axe', async () => {
    const { page } = browser;
    const gaps = page.locator('section[aria-labelledby="gaps-title"]');
    expect(await gaps.getByText(/Close: within ±0\.5/).isVisible()).toBe(true);
    const rows = gaps.locator('tr[data-gap-thesis]');
    expect(await rows.count()).toBe(9);
    // Two closed rounds: every thesis has a verdict against Spring.
    expect(await rows.first().locator('td').count()).toBe(3);
    expect(await rows.first().getAttribute('data-verdict')).toMatch(
      /^(still_close|closed|opened|closing|widening|unchanged|reversed)$/,
    );
    const notes = page.locator('section[aria-labelledby="notes-title"]');
    expect(await notes.getByText(/Welch’s t-test on the two rounds gives p < 0\.05/).isVisible()).toBe(true);
    expect(await notes.getByText(/Not flagged does not mean nothing changed/).isVisible()).toBe(true);
    expect(await notes.getByText(/thesis score is 3\.5 or more/).isVisible()).toBe(true);
    expect(
      await page.getByText('Asks for our view in every weekly meeting (Autumn review).').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'report-desktop-en');
    await expectAccessible(page, 'leader report (English, desktop)');
  });

  it('reads in German, on a desktop and on a 375 px phone', async () => {
    const { page, context } = browser;
    // The language cookie only, so Lena's saved setting stays as the other tests expect it.
    await context.addCookies([{ name: 'resonance_locale', value: 'de', url: inject('e2e').webUrl }]);
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Wie Ihre Führung ankommt' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Wo Sie stehen' }).isVisible()).toBe(true);
    expect(await page.locator('[data-highlight]').first().textContent()).toMatch(/\d,\d von 5/);
    expect(await page.getByText('Deckungsgleich').count()).toBe(0);
    expect(await page.getByText(/Nah beieinander: innerhalb ±0,5/).isVisible()).toBe(true);
    await screenshot(page, 'report-top-desktop-de', { fullPage: false });
    await expectAccessible(page, 'leader report (German, desktop)');

    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('heading', { name: 'Wo Sie stehen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const chart = page.locator('section[aria-labelledby="trend-title"] img').first();
    expect((await chart.boundingBox())!.width).toBeGreaterThan(280);
    await screenshot(page, 'report-top-phone-de', { fullPage: false });
    await screenshot(page, 'report-phone-de');
    await expectAccessible(page, 'leader report (German, phone)');
    await page.setViewportSize({ width: 1280, height: 900 });
    await context.addCookies([{ name: 'resonance_locale', value: 'en', url: inject('e2e').webUrl }]);
  });

  it('switches to the previous round with the round picker', async () => {
    const { page } = browser;
    await page.goto('/dashboard');
    const picker = page.locator('#round-picker');
    const spring = await picker.locator('option', { hasText: 'Spring review' }).getAttribute('value');
    await picker.selectOption(spring!);
    await page.waitForURL(/round=/);
    await page.getByText('Results · Spring review').waitFor();
    expect(await page.locator('[data-thesis]').getByText('No previous round').count()).toBe(9);
    expect(await page.locator('tr[data-gap-thesis][data-verdict="first"]').count()).toBe(9);
  });

  it('prints, and saves as a PDF, the same report: name on every page, at most five A4 pages', async () => {
    const { page } = browser;
    await page.goto('/dashboard');
    expect(await page.getByRole('button', { name: 'Download PDF' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    // On paper the detail is open.
    expect(await page.locator('[data-thesis="dialogue"]').getByText('n = 5').first().isVisible()).toBe(true);
    await screenshot(page, 'report-print');
    const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(5);
    for (const [index, text] of pages.entries()) {
      expect(text, `page ${index + 1}`).toContain('Lena Lead · Northwind E2E');
      expect(text, `page ${index + 1}`).toMatch(new RegExp(`Page\\s*${index + 1}\\s*/\\s*${pages.length}`));
      // No near-empty page: each carries more than its running header and footer.
      expect(text.replace(/\s+/g, ' ').length, `page ${index + 1}`).toBeGreaterThan(400);
    }
    expect(pages[0]).toContain('How you are doing');
    expect(pages[0]).toMatch(/Autumn review · round closed on/);
    await page.emulateMedia({ media: 'screen' });
  });
});

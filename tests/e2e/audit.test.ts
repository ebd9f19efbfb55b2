/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser.
import type { AuditList } from '@resonance/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

async function noHorizontalScroll(browser: E2eBrowser) {
  const { scrollWidth, clientWidth } = await browser.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'the page fits the phone without sideways scrolling').toBeLessThanOrEqual(clientWidth);
}

describe('the audit log an admin (and the works council) reads', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, inject('e2e').adminEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists what the admin did, newest first, in words', async () => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    // The scenario closed two rounds through the API as this admin.
    const closed = page.locator('tr[data-action="round.closed"]').first();
    await closed.waitFor();
    expect(await closed.getByText('Closed a round').isVisible()).toBe(true);
    expect(await closed.getByText(inject('e2e').adminEmail).isVisible()).toBe(true);
    expect(await closed.getByRole('link', { name: /^Round / }).count()).toBe(1);
    const times = await page
      .locator('tbody time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThan(3);
    expect(times, 'newest first').toEqual([...times].sort().reverse());
    await screenshot(page, 'admin-audit');
    await expectAccessible(page, 'audit log');
  });

  it('pages back to older entries with the cursor and returns to the newest', async () => {
    const { page } = browser;
    const e2e = inject('e2e');
    const api = new E2eApi(e2e.apiUrl);
    await api.login(e2e.adminEmail, e2e.password);
    const first = await api.ok<AuditList>('GET', '/audit?limit=2');
    expect(first.nextCursor).not.toBeNull();
    const older = await api.ok<AuditList>(
      'GET',
      `/audit?limit=50&before=${encodeURIComponent(first.nextCursor!)}`,
    );
    await page.goto(`/admin/audit?before=${encodeURIComponent(first.nextCursor!)}`);
    await page.getByRole('link', { name: 'Back to the newest' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(older.items.length);
    expect(
      await page
        .locator(`tr[data-action="${first.items[0]!.action}"] time[datetime="${first.items[0]!.at}"]`)
        .count(),
    ).toBe(0);
    await page.getByRole('link', { name: 'Back to the newest' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/audit' && !url.search);
  });

  it('fits a phone: the table scrolls inside its box, not the page', async () => {
    const phone = await openBrowser({ width: 375, height: 812, isMobile: true });
    try {
      await signIn(phone.page, inject('e2e').adminEmail);
      await phone.page.goto('/admin/audit');
      await phone.page.locator('tr[data-action]').first().waitFor();
      await noHorizontalScroll(phone);
      await screenshot(phone.page, 'admin-audit-375');
      await expectAccessible(phone.page, 'audit log on a phone');
    } finally {
      await phone.close();
    }
  });

  it('reads in German', async () => {
    const { page } = browser;
    await page.goto('/admin/audit');
    // The admin's saved language is English; the switch saves German, so switch back at the end.
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Prüfprotokoll' }).waitFor();
    expect(await page.getByText('Runde beendet').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-audit-de');
    await expectAccessible(page, 'audit log (German)');
    // The round named in the log, in German too: its k and the note on newcomers.
    await page
      .getByRole('link', { name: /^Runde / })
      .first()
      .click();
    await page.getByText('Anonymitätsschwelle').waitFor();
    await screenshot(page, 'admin-round-detail-de');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByText('Anonymity threshold').waitFor();
  });
});

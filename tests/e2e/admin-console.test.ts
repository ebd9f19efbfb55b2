import type { RoundSummary } from '@resonance/contracts';
import { fromZonedWallTime, toZonedWallTime } from '@resonance/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, tokenInEmail } from '../support/e2e-api';
import {
  type E2eBrowser,
  expectAccessible,
  openBrowser,
  screenshot,
  screenshotOf,
  signIn,
} from '../support/e2e-browser';
import { E2E_PASSWORD, giveLogin } from '../support/e2e-scenario';

/** An organisation of its own (German, Europe/Berlin), so nothing here changes what other files see. */
const ADMIN = 'admin@console.e2e.test';
const LEADER = 'leo@console.e2e.test';
const ORG_CSV = `email,name,manager_email,role
una@console.e2e.test,Una Oberhaupt,,leader
${LEADER},Leo Leitner,una@console.e2e.test,leader
k1@console.e2e.test,Karla Kowalczyk-Schönberger,${LEADER},member
k2@console.e2e.test,Kurt Klein,${LEADER},member
k3@console.e2e.test,Kim Kraus,${LEADER},member
k4@console.e2e.test,Konstantin Maximilian von Hohenberg-Wiesenthal,${LEADER},member`;

const BAD_CSV = `email,name,manager_email,role
neu1@console.e2e.test,Nele Neu,una@console.e2e.test,member
neu2@console.e2e.test,Nico Neu,una@console.e2e.test,chef`;

async function createRound(api: E2eApi, name: string, leaderId: string) {
  const now = Date.now();
  return api.ok<RoundSummary>('POST', '/rounds', {
    body: {
      name,
      leaderIds: [leaderId],
      raterGroups: ['direct_report', 'manager', 'self'],
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
      schedule: true,
    },
  });
}

/** A closed round in which Leo's four reports answered (manager and self did not: below k). */
async function closedRound(api: E2eApi, leaderId: string) {
  const seen = new Set((await api.outbox()).items.map((mail) => mail.id));
  const round = await createRound(api, 'Frühjahr 2027', leaderId);
  await api.openRound(round.id);
  for (const mail of (await api.outbox()).items) {
    const token = seen.has(mail.id) || !/^k\d@/.test(mail.to) ? undefined : tokenInEmail(mail.text);
    if (!token) continue;
    const survey = (await api.survey(token)).body;
    const answers = survey.questionnaire.theses.flatMap((thesis) =>
      thesis.items.map((item) => ({ itemKey: item.key, score: 4 })),
    );
    if ((await api.submitSurvey(token, { answers })).status !== 201) throw new Error('submit failed');
  }
  await api.ok('POST', `/rounds/${round.id}/close`);
  return round;
}

/** Neither the page nor any element is wider than the window. */
async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Number of lines a cell's text takes. */
async function lines(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
}

describe('the admin console on a desktop and on a phone', () => {
  let desktop: E2eBrowser;
  let phone: E2eBrowser;
  let closed: RoundSummary;
  let open: RoundSummary;

  beforeAll(async () => {
    const api = new E2eApi(inject('e2e').apiUrl);
    await api.signup('Konsole E2E GmbH', 'Ada Admin', ADMIN, E2E_PASSWORD);
    // German, as most of our users: the copy checked below is the German one.
    await api.ok('PATCH', '/org/settings', { body: { defaultLocale: 'de' } });
    await api.ok('PATCH', '/me', { body: { locale: 'de' } });
    await api.importCsv(ORG_CSV);
    const leo = (await api.people()).items.find((person) => person.email === LEADER)!;
    closed = await closedRound(api, leo.id);
    open = await createRound(api, 'Sommer 2027', leo.id);
    await api.openRound(open.id);
    await giveLogin(api, leo.id, LEADER);
    desktop = await openBrowser({ width: 1366, height: 800, locale: 'de-DE' });
    phone = await openBrowser({ width: 375, height: 740, locale: 'de-DE', isMobile: true });
    await signIn(desktop.page, ADMIN);
    await signIn(phone.page, ADMIN);
  });

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  it('fits the people list on both screens, edit buttons in reach, roles in the singular', async () => {
    for (const [browser, width] of [
      [desktop, 1366],
      [phone, 375],
    ] as const) {
      const { page } = browser;
      await page.goto('/admin/people');
      const row = page.locator(`tr[data-person="k4@console.e2e.test"]`);
      await row.waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      const edit = row.getByRole('button', { name: /bearbeiten$/ });
      const box = (await edit.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await row.locator('.badge').first().textContent()).toBe('Teammitglied');
      await screenshot(page, `console-people-${width}`);
    }
    await expectAccessible(phone.page, 'people on a phone');
  });

  it('names the zone once and keeps round dates on one line', async () => {
    const { page } = desktop;
    await page.goto('/admin/rounds');
    await page.locator('tr[data-round="Sommer 2027"]').waitFor();
    expect(await page.locator('thead').textContent()).toContain('Europe/Berlin');
    expect(await lines(page, 'tr[data-round="Sommer 2027"] td.nowrap')).toBe(1);
    await screenshot(page, 'console-rounds-1366');
    await phone.page.goto('/admin/rounds');
    await phone.page.locator('tr[data-round="Sommer 2027"]').waitFor();
    expect(await lines(phone.page, 'tr[data-round="Sommer 2027"] td.nowrap')).toBe(1);
    await screenshot(phone.page, 'console-rounds-375');
  });

  it('explains participation so the figures add up, and shows that the table scrolls on a phone', async () => {
    const { page } = phone;
    await page.goto(`/admin/rounds/${closed.id}`);
    const invitations = page.locator('[data-invitations]');
    await invitations.waitFor();
    // Four reports are counted; the manager and the self-assessment (one person each) are below k.
    expect(await invitations.textContent()).toContain(
      '4 in Gruppen mit mindestens 3 Antworten, 2 in Gruppen noch unter 3',
    );
    expect(await page.locator('[data-participation]').textContent()).toContain('4 von 4');
    const region = page.locator('section.table-wrap[aria-label="Beteiligung je Führungskraft"]');
    await expect.poll(() => page.getByText('Seitlich scrollen für weitere Spalten').isVisible()).toBe(true);
    const firstCell = region.locator('tbody th').first();
    const before = (await firstCell.boundingBox())!.x;
    await region.evaluate((element) => element.scrollBy({ left: 400 }));
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    // The leader's name stays in place while the groups scroll under it, with a shadow at its edge.
    await page.locator('.table-scroll[data-more-left]').waitFor();
    expect((await firstCell.boundingBox())!.x).toBe(before);
    await screenshotOf(
      page.locator('[aria-labelledby="round-participation"]'),
      'console-participation-scrolled-375',
    );
    await screenshot(page, 'console-round-detail-375');
    await expectAccessible(page, 'round detail on a phone');
  });

  it('gives an open round a later closing time, and nothing else its invitations promise', async () => {
    const { page } = desktop;
    await page.goto(`/admin/rounds/${open.id}`);
    await page.getByRole('link', { name: 'Bearbeiten' }).click();
    await page.locator('[data-open-round-note]').waitFor();
    expect(await page.getByLabel('Beginnt').isDisabled()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Zu bewertende Führungskräfte' }).count()).toBe(0);
    const closes = page.getByLabel('Endet');
    const current = fromZonedWallTime(await closes.inputValue(), 'Europe/Berlin')!;
    const later = toZonedWallTime(new Date(current.getTime() + 7 * 24 * 3600_000), 'Europe/Berlin');
    await closes.fill(later.replace(/T.*/, 'T17:30'));
    await screenshot(page, 'console-round-edit-open');
    await expectAccessible(page, 'editing an open round');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sommer 2027' }).waitFor();
    await expect.poll(() => page.locator('.lead').first().textContent()).toContain('17:30');
    expect(await page.locator('.lead').first().textContent()).toContain('(Europe/Berlin)');
  });

  it('archives a closed round: it leaves the list, its results stay', async () => {
    const { page } = desktop;
    await page.goto(`/admin/rounds/${closed.id}`);
    await page.getByRole('button', { name: 'Archivieren' }).click();
    await page
      .getByRole('dialog', { name: '„Frühjahr 2027“ archivieren?' })
      .getByRole('button', { name: 'Archivieren' })
      .click();
    await page.getByText('Die Runde ist archiviert.').waitFor();
    await page.goto('/admin/rounds');
    await page.locator('tr[data-round="Sommer 2027"]').waitFor();
    expect(await page.locator('tr[data-round="Frühjahr 2027"]').count()).toBe(0);
    await page.getByRole('link', { name: 'Eine archivierte Runde' }).click();
    await page.locator('tr[data-round="Frühjahr 2027"]').waitFor();
    // Results are kept: the heatmap still offers the archived round.
    await phone.page.goto('/admin/results');
    await phone.page.locator('table.heatmap').waitFor();
    await screenshot(phone.page, 'console-results-375');
  });

  it('puts an import error next to its line, worded for people, visible on a phone', async () => {
    const { page } = phone;
    await page.goto('/admin/import');
    await page.getByLabel('Oder CSV einfügen').fill(BAD_CSV);
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
    const badLine = page.locator('tr[data-line="3"]');
    await badLine.waitFor();
    expect(await page.getByText('Korrigieren Sie die unten markierten Zeilen').isVisible()).toBe(true);
    const problem = badLine.locator('.import-lines__problem');
    expect(await problem.textContent()).toMatch(/\(Spalte role\)$/);
    const box = (await problem.boundingBox())!;
    expect(box.x).toBeLessThan(375);
    await screenshot(page, 'console-import-error-375');
  });

  it('answers a leader who opens the admin console with 403', async () => {
    const leader = await openBrowser({ locale: 'de-DE' });
    try {
      await signIn(leader.page, LEADER);
      const response = await leader.page.goto('/admin/people');
      expect(response?.status()).toBe(403);
      await leader.page.getByRole('heading', { level: 1, name: 'Nur für die Administration' }).waitFor();
      await expectAccessible(leader.page, 'forbidden');
    } finally {
      await leader.close();
    }
  });
});

import type { RoundSummary } from '@resonance/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, tokenInEmail } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';
import { E2E_PASSWORD, giveLogin } from '../support/e2e-scenario';

/** An organisation of its own, so its rounds change nothing the other end-to-end files look at. */
const ORG_CSV = `email,name,manager_email,role
wanda@withheld.e2e.test,Wanda Wide,,leader
w1@withheld.e2e.test,Walt One,wanda@withheld.e2e.test,member
w2@withheld.e2e.test,Wren Two,wanda@withheld.e2e.test,member
w3@withheld.e2e.test,Wes Three,wanda@withheld.e2e.test,member
w4@withheld.e2e.test,Wyn Four,wanda@withheld.e2e.test,member`;

/** Opens a round for Wanda's direct reports, lets everyone invited answer, and closes it. */
async function runRound(api: E2eApi, name: string, leaderId: string) {
  const seen = new Set((await api.outbox()).items.map((mail) => mail.id));
  const now = Date.now();
  const round = await api.ok<RoundSummary>('POST', '/rounds', {
    body: {
      name,
      leaderIds: [leaderId],
      raterGroups: ['direct_report'],
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
      schedule: true,
    },
  });
  await api.openRound(round.id);
  for (const mail of (await api.outbox()).items) {
    const token = seen.has(mail.id) ? undefined : tokenInEmail(mail.text);
    if (!token) continue;
    const survey = (await api.survey(token)).body;
    const answers = survey.questionnaire.theses.flatMap((thesis) =>
      thesis.items.map((item) => ({ itemKey: item.key, score: 4 })),
    );
    const submitted = await api.submitSurvey(token, { answers });
    if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}`);
  }
  await api.ok('POST', `/rounds/${round.id}/close`);
}

describe('a group withheld because one person left between rounds', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    const api = new E2eApi(inject('e2e').apiUrl);
    await api.signup('Withheld E2E', 'Will Admin', 'admin@withheld.e2e.test', E2E_PASSWORD);
    await api.importCsv(ORG_CSV);
    const people = (await api.people()).items;
    const idOf = (email: string) => people.find((person) => person.email === email)!.id;
    const wanda = idOf('wanda@withheld.e2e.test');
    await runRound(api, 'First look', wanda);
    // One of four leaves: the second round's three answers minus the first's four would be one person.
    await api.ok('PATCH', `/people/${idOf('w4@withheld.e2e.test')}`, { body: { active: false } });
    await runRound(api, 'Second look', wanda);
    await giveLogin(api, wanda, 'wanda@withheld.e2e.test');
    browser = await openBrowser();
    await signIn(browser.page, 'wanda@withheld.e2e.test');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('says the group is withheld, in words of its own, and shows none of its figures', async () => {
    const { page } = browser;
    await page.getByText('Results · Second look').waitFor();
    const reports = page.locator('[data-group="direct_report"]');
    expect(await reports.getAttribute('data-withheld')).toBe('true');
    expect(await reports.getByText('Withheld this round').isVisible()).toBe(true);
    expect(await reports.getByText('Not enough responses').count()).toBe(0);
    const note = page.locator('[data-withheld-note]');
    expect(await note.getByText('Withheld this round: Direct reports').isVisible()).toBe(true);
    expect(await note.getByText(/It is not a lack of responses\./).isVisible()).toBe(true);
    const card = page.locator('[data-thesis="dialogue"]');
    expect(await card.getByText('Withheld', { exact: true }).count()).toBe(1);
    expect(await card.getByText(/n = \d/).count()).toBe(0);
    await screenshot(page, 'dashboard-withheld');
    await expectAccessible(page, 'dashboard with a withheld group');
  });

  it('still shows the first round, where the group was complete', async () => {
    const { page } = browser;
    const picker = page.locator('#round-picker');
    const first = await picker.locator('option', { hasText: 'First look' }).getAttribute('value');
    await picker.selectOption(first!);
    await page.getByText('Results · First look').waitFor();
    expect(await page.locator('[data-group="direct_report"]').getByText('4 responses').isVisible()).toBe(
      true,
    );
    expect(await page.locator('[data-withheld]').count()).toBe(0);
  });
});

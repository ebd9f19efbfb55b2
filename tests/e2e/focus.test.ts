import type { RoundSummary } from '@resonance/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, tokenInEmail } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';
import { E2E_PASSWORD, giveLogin } from '../support/e2e-scenario';

/** An organisation of its own, so its rounds change nothing the other end-to-end files look at. */
const ORG_CSV = `email,name,manager_email,role
fay@focus.e2e.test,Fay Focus,,leader
f1@focus.e2e.test,Finn One,fay@focus.e2e.test,member
f2@focus.e2e.test,Frida Two,fay@focus.e2e.test,member
f3@focus.e2e.test,Falk Three,fay@focus.e2e.test,member`;

const COMMITMENT = 'I will ask for opinions before I decide, in every team meeting';

/**
 * Closing the loop in the browser: Fay sets two focus theses after round 1 and shares them; in
 * round 2 a rater sees them before answering and answers the follow-up item on its step; after
 * round 2 closes, Fay's report shows the follow-up results as the gate allows.
 */
describe('focus, commitments and the follow-up question', () => {
  const api = new E2eApi(inject('e2e').apiUrl);
  let fay: string;
  let leader: E2eBrowser;
  let rater: E2eBrowser;
  let secondRound: string;
  let tokens: string[] = [];

  /** Opens a round for Fay's direct reports and returns the new invitation tokens. */
  async function openRound(name: string) {
    const seen = new Set((await api.outbox()).items.map((mail) => mail.id));
    const now = Date.now();
    const round = await api.ok<RoundSummary>('POST', '/rounds', {
      body: {
        name,
        leaderIds: [fay],
        raterGroups: ['direct_report'],
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
        schedule: true,
      },
    });
    await api.openRound(round.id);
    const fresh = (await api.outbox()).items.filter((mail) => !seen.has(mail.id));
    return { id: round.id, tokens: fresh.flatMap((mail) => tokenInEmail(mail.text) ?? []) };
  }

  async function answerByApi(token: string, followUp: (key: string) => number | null) {
    const survey = (await api.survey(token)).body;
    const answers = [
      ...survey.questionnaire.theses.flatMap((thesis) =>
        thesis.items.map((item) => ({ itemKey: item.key, score: 4 })),
      ),
      ...(survey.followUp?.items ?? []).map((item) => ({ itemKey: item.key, score: followUp(item.key) })),
    ];
    const submitted = await api.submitSurvey(token, { answers });
    if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}`);
  }

  beforeAll(async () => {
    await api.signup('Focus E2E', 'Flo Admin', 'admin@focus.e2e.test', E2E_PASSWORD);
    await api.importCsv(ORG_CSV);
    fay = (await api.people()).items.find((person) => person.email === 'fay@focus.e2e.test')!.id;
    const first = await openRound('First look');
    for (const token of first.tokens) await answerByApi(token, () => null);
    await api.ok('POST', `/rounds/${first.id}/close`);
    await giveLogin(api, fay, 'fay@focus.e2e.test');
    leader = await openBrowser();
    await signIn(leader.page, 'fay@focus.e2e.test');
  });

  afterAll(async () => {
    await leader?.close();
    await rater?.close();
  });

  it('the leader picks two focus theses, writes her commitments and shares them', async () => {
    const { page } = leader;
    const editor = page.locator('[data-focus-editor]');
    await editor.waitFor();
    await editor.getByLabel('In dialogue with the team').check();
    await editor.getByLabel('Calm in the face of criticism').check();
    const dialogue = editor.locator('[data-focus-entry="dialogue"]');
    await dialogue.getByLabel('What I will try').fill(COMMITMENT);
    // The questionnaire's idea is a starting point for the second.
    const criticism = editor.locator('[data-focus-entry="criticism"]');
    await criticism.getByRole('button', { name: 'Use as a start' }).click();
    expect(await criticism.getByLabel('What I will try').inputValue()).not.toBe('');
    expect(await editor.getByLabel(/Share with my raters/).isChecked()).toBe(true);
    await editor.getByRole('button', { name: 'Save focus' }).click();
    await editor.getByText('Your focus is saved.').waitFor();
    await screenshot(page, 'focus-1-editor');
    await expectAccessible(page, 'dashboard with the focus editor');
  });

  it('the next round shows the rater what she chose before the first question, and asks the follow-up', async () => {
    const second = await openRound('Second look');
    secondRound = second.id;
    tokens = second.tokens;
    rater = await openBrowser({ width: 390, height: 844, isMobile: true });
    const { page } = rater;
    await page.goto(`/survey#t=${tokens[0]}`);
    const shared = page.locator('[data-focus-shared]');
    await shared.getByText('Fay Focus chose to work on:').waitFor();
    expect(await shared.getByText(COMMITMENT, { exact: false }).isVisible()).toBe(true);
    await expectAccessible(page, 'survey intro with a shared focus');
    await page.getByRole('button', { name: 'Start' }).click();
    // Every step: the first option of each question; on the focus theses that is "Clearly better".
    for (let step = 1; step <= 9; step++) {
      await page.getByText(`Step ${step} of 11`).waitFor();
      const followUp = page.locator('[data-follow-up]');
      if ((await followUp.count()) > 0) {
        expect(
          await followUp.getByText(/^Since the last round, have you noticed a change in/).isVisible(),
        ).toBe(true);
        if ((await followUp.getAttribute('data-follow-up')) === 'dialogue') {
          await screenshot(page, 'focus-2-follow-up-375');
          await expectAccessible(page, 'survey step with a follow-up item');
        }
      }
      const questions = page.locator('fieldset[id^="question-"]');
      for (let index = 0; index < (await questions.count()); index++) {
        await questions.nth(index).locator('label').first().click();
      }
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await page.getByText('Step 10 of 11').waitFor();
    await page.getByRole('button', { name: 'Review answers' }).click();
    await page.getByText('Step 11 of 11').waitFor();
    expect(await page.getByText('Clearly better').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: /^Send/ }).click();
    await page.getByRole('heading', { level: 1, name: /Thank you/ }).waitFor();
  });

  it('after the round closes, her report shows the follow-up results as the gate allows', async () => {
    // The other two: both saw a clear change in dialogue; neither could judge criticism.
    for (const token of tokens.slice(1))
      await answerByApi(token, (key) => (key.endsWith('dialogue') ? 4 : null));
    await api.ok('POST', `/rounds/${secondRound}/close`);
    const { page } = leader;
    await page.goto('/dashboard');
    const progress = page.locator('[data-focus-progress]');
    await progress.waitFor();
    const dialogue = progress.locator('[data-focus-thesis="dialogue"]');
    expect(await dialogue.getByText(COMMITMENT, { exact: false }).isVisible()).toBe(true);
    expect(
      await dialogue.getByText('3 of 3 who could judge noticed a change for the better').isVisible(),
    ).toBe(true);
    expect(await dialogue.locator('[data-trend-since]').textContent()).toMatch(
      /First look: .+ → Second look: /,
    );
    // One judgement on criticism is below k: no number at all.
    const criticism = progress.locator('[data-focus-thesis="criticism"]');
    expect(await criticism.locator('[data-follow-up-result]').getAttribute('data-follow-up-result')).toBe(
      'insufficient',
    );
    expect(
      await criticism
        .getByText(/Fewer than 3 raters could judge this/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'focus-3-progress');
    await expectAccessible(page, 'dashboard with focus progress');
  });
});

/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi, tokenInEmail } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot } from '../support/e2e-browser';

/** A fresh, unused invitation from the open round, read from the development outbox as an admin can. */
async function unusedInvitation(recipient: string): Promise<string> {
  const e2e = inject('e2e');
  const api = new E2eApi(e2e.apiUrl);
  await api.login(e2e.adminEmail, e2e.password);
  for (const mail of (await api.outbox()).items) {
    const token = mail.to === recipient ? tokenInEmail(mail.text) : undefined;
    if (token && (await api.survey(token)).status === 200) return token;
  }
  throw new Error(`no unused invitation for ${recipient}`);
}

async function noHorizontalScroll(browser: E2eBrowser) {
  const { scrollWidth, clientWidth } = await browser.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'the page fits the phone without sideways scrolling').toBeLessThanOrEqual(clientWidth);
}

describe('a rater answering on a phone (375 × 812)', () => {
  let browser: E2eBrowser;
  let token: string;

  beforeAll(async () => {
    token = await unusedInvitation('m1@e2e.test');
    browser = await openBrowser({ width: 375, height: 812, isMobile: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('takes the token out of the address bar and says who sees what, and when', async () => {
    const { page } = browser;
    await page.goto(`/survey#t=${token}`);
    await page.getByRole('heading', { level: 1, name: /How does Max Manager lead\?/ }).waitFor();
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain(token);
    await expect.poll(() => page.getByText('Only groups of 3 or more.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/^Not before /).isVisible()).toBe(true);
    expect(await page.getByText('No names.').isVisible()).toBe(true);
    expect(await page.getByText('Manager and self are marked as identifiable.').isVisible()).toBe(true);
    // Max has three direct reports, all imported minutes ago: the rater sees both facts before answering.
    expect(
      await page.getByText(/^3 people were invited in your group \(.+\) for Max Manager\.$/).isVisible(),
    ).toBe(true);
    expect(
      await page
        .getByText(
          '3 of them joined the organisation or this team in the last 30 days before the round opened.',
        )
        .isVisible(),
    ).toBe(true);
    expect(await page.getByText(/ask your works council or your admin/).isVisible()).toBe(true);
    await noHorizontalScroll(browser);
    await screenshot(page, 'survey-1-intro-375');
    await expectAccessible(page, 'survey intro');
  });

  it('answers the first thesis with the keyboard alone, with a visible focus', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Step 1 of 11').waitFor();

    // Moving on with nothing answered explains what is missing.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/3 statements still need an answer/)
      .waitFor();

    const groups = page.locator('fieldset[id^="question-"]');
    const count = await groups.count();
    expect(count).toBe(3);
    await page.getByRole('heading', { level: 1 }).focus();
    for (let index = 0; index < count; index++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
      const focus = await page.evaluate(() => {
        const active = document.activeElement as HTMLInputElement | null;
        const label = active?.closest('label');
        return {
          type: active?.type,
          checkedValue: active?.checked ? active.value : null,
          ring: label ? getComputedStyle(label).boxShadow : 'none',
        };
      });
      expect(focus).toMatchObject({ type: 'radio', checkedValue: '4' });
      expect(focus.ring, 'the focused option shows a focus ring').not.toBe('none');
    }
    await page.keyboard.press('Tab');
    await page.keyboard.type('Always answers within a day.');
    await screenshot(page, 'survey-2-thesis-375');
    await expectAccessible(page, 'survey thesis step');
    await page.keyboard.press('Tab'); // Back
    await page.keyboard.press('Tab'); // Next
    await page.keyboard.press('Enter');
    await page.getByText('Step 2 of 11').waitFor();
  });

  it('keeps every answer across a reload', async () => {
    const { page } = browser;
    await page
      .locator('fieldset[id^="question-"]')
      .first()
      .getByRole('radio', { name: 'Agree', exact: true })
      .check();
    await page.reload();
    await page.getByText('Step 2 of 11').waitFor();
    expect(
      await page.locator('fieldset[id^="question-"]').first().locator('input[value="4"]').isChecked(),
    ).toBe(true);
    expect(page.url()).not.toContain('#');
  });

  it('goes through the remaining theses, the open questions and the review', async () => {
    const { page } = browser;
    for (let step = 2; step <= 9; step++) {
      await page.getByText(`Step ${step} of 11`).waitFor();
      const groups = page.locator('fieldset[id^="question-"]');
      const count = await groups.count();
      for (let index = 0; index < count; index++) {
        const choice =
          step === 5 && index === count - 1 ? "Can't judge" : step % 2 === 0 ? 'Agree' : 'Strongly agree';
        // A tap anywhere on an option lands on its (transparent, full-size) radio input.
        await groups.nth(index).getByRole('radio', { name: choice, exact: true }).click();
      }
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await page.getByText('Step 10 of 11').waitFor();
    await page.locator('#open-keepDoing').fill('Weekly check-ins.');
    await page.getByRole('button', { name: 'Review answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check and send' }).waitFor();
    await noHorizontalScroll(browser);
    await screenshot(page, 'survey-3-review-375');
    await expectAccessible(page, 'survey review');
  });

  it('sends once, thanks the rater and forgets the draft', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    const drafts = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('resonance.survey.draft')),
    );
    expect(drafts).toEqual([]);
    await screenshot(page, 'survey-4-thanks-375');
    await expectAccessible(page, 'survey thank-you');
  });

  it('says plainly when an invitation was already used or is unknown', async () => {
    const { page } = browser;
    await page.goto(`/survey#t=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Already answered' }).waitFor();
    await screenshot(page, 'survey-5-used-375');
    await page.goto('/survey#t=this-token-does-not-exist-0123456789');
    await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
    await expectAccessible(page, 'survey unknown invitation');
  });
});

import type { OrgSettings, RoundSummary } from '@resonance/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

/** Issue 12's retention setting and the round page's note, on a phone (375 px). */
describe('raw-answer retention in the admin console', () => {
  let phone: E2eBrowser;
  const api = new E2eApi(inject('e2e').apiUrl);

  beforeAll(async () => {
    await api.login(inject('e2e').adminEmail, inject('e2e').password);
    phone = await openBrowser({ width: 375, height: 740, isMobile: true });
    await signIn(phone.page, inject('e2e').adminEmail);
  });
  afterAll(async () => {
    // Back to the default, so the other files see the organisation as they built it.
    await api.ok('PATCH', '/org/settings', { body: { rawAnswerRetentionDays: 30 } });
    await phone?.close();
  });

  it('changes the retention period, refusing 0 before it is sent', async () => {
    const { page } = phone;
    await page.goto('/admin/settings');
    const field = page.getByLabel('Keep raw answers for (days after a round closes)');
    expect(await field.inputValue()).toBe('30');
    await field.fill('0');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await field.fill('45');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await api.ok<OrgSettings>('GET', '/org/settings')).rawAnswerRetentionDays).toBe(45);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'admin-settings-retention-phone');
    await expectAccessible(page, 'settings with retention on a phone');
  });

  it('tells on a closed round when its raw answers will be deleted, and that results stay', async () => {
    const { page } = phone;
    const rounds = await api.ok<{ items: RoundSummary[] }>('GET', '/rounds');
    const closed = rounds.items.find((round) => round.state === 'closed');
    if (!closed) throw new Error('the e2e scenario has no closed round');
    await page.goto(`/admin/rounds/${closed.id}`);
    const note = page.getByTestId('raw-answers');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/To be deleted on .*results stay/);
    await screenshot(page, 'admin-round-raw-answers-phone');
    await expectAccessible(page, 'round with its raw-answer note on a phone');
  });
});

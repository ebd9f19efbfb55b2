import { readFileSync } from 'node:fs';
import type { OrgSettings } from '@resonance/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { E2eApi } from '../support/e2e-api';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

/** Issue 12's GDPR tools in the admin console, on a phone (375 px). */
describe('GDPR requests in the admin console', () => {
  let phone: E2eBrowser;
  const api = new E2eApi(inject('e2e').apiUrl);
  const email = `gina.gone.${Date.now()}@e2e.test`;

  beforeAll(async () => {
    await api.login(inject('e2e').adminEmail, inject('e2e').password);
    await api.ok('POST', '/people/import', {
      body: `email,name,manager_email,role\n${email},Gina Gone,,member\n`,
      contentType: 'text/csv',
    });
    phone = await openBrowser({ width: 375, height: 740, isMobile: true });
    await signIn(phone.page, inject('e2e').adminEmail);
  });
  afterAll(async () => {
    await phone?.close();
  });

  it('downloads a person’s data as JSON, then erases them after a dialog saying what stays', async () => {
    const { page } = phone;
    await page.goto(`/admin/people?search=${encodeURIComponent(email)}`);
    const row = page.locator(`tr[data-person="${email}"]`);
    await row.waitFor();

    const download = page.waitForEvent('download');
    await page
      .getByRole('link', {
        name: 'Export data (JSON) of Gina Gone: everything stored about them (GDPR Art. 15)',
      })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^resonance-person-.*\.json$/);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(exported.person).toMatchObject({ email, name: 'Gina Gone' });

    await page.getByRole('button', { name: 'Erase Gina Gone (GDPR Art. 17)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Gina Gone?' });
    await dialog.getByText('What stays').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'admin-erase-person-phone');
    await expectAccessible(page, 'erase dialog on a phone');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.count()).toBe(0);
    const people = await api.ok<{ total: number }>('GET', `/people?search=${encodeURIComponent(email)}`);
    expect(people.total).toBe(0);
  });

  it('deletes an organisation only after its short name is typed, and signs its admin out', async () => {
    const owner = new E2eApi(inject('e2e').apiUrl);
    const ownerEmail = `owner.${Date.now()}@e2e.test`;
    await owner.signup(`Short-lived ${Date.now()}`, 'Olga Owner', ownerEmail, inject('e2e').password);
    const { slug } = await owner.ok<OrgSettings>('GET', '/org/settings');
    const browser = await openBrowser({ width: 375, height: 740, isMobile: true });
    try {
      const { page } = browser;
      await signIn(page, ownerEmail);
      await page.goto('/admin/settings');
      const button = page.getByRole('button', { name: 'Delete organisation for good' });
      await button.waitFor();
      expect(await button.isDisabled()).toBe(true);
      const field = page.getByLabel(`Type the organisation's short name “${slug}” to confirm`);
      await field.fill(`${slug}-not`);
      expect(await button.isDisabled()).toBe(true);
      await expectAccessible(page, 'settings with the danger zone on a phone');
      await field.fill(slug);
      await Promise.all([page.waitForURL((url) => url.pathname === '/login'), button.click()]);
      expect((await owner.request('GET', '/me')).status).toBe(401);
      expect(
        (
          await owner.request('POST', '/auth/login', {
            body: { email: ownerEmail, password: inject('e2e').password },
          })
        ).status,
      ).toBe(401);
      // The shared scenario's organisation is untouched.
      expect((await api.request('GET', '/org/settings')).status).toBe(200);
    } finally {
      await browser.close();
    }
  });
});

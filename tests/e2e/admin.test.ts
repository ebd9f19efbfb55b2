import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2eBrowser, expectAccessible, openBrowser, screenshot, signIn } from '../support/e2e-browser';

const BAD_CSV = `email,name,manager_email,role
nora@e2e.test,Nora New,cleo@e2e.test,leader
ned@e2e.test,Ned New,nora@e2e.test,member
nils@e2e.test,Nils New,not-an-email,member
nina@e2e.test,Nina New,nora@e2e.test,member
nick@e2e.test,Nick New,nora@e2e.test,member`;

describe('an admin running Resonance', () => {
  let browser: E2eBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, inject('e2e').adminEmail);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('starts in the admin console', async () => {
    const { page } = browser;
    expect(new URL(page.url()).pathname).toBe('/admin/overview');
    await page.getByRole('heading', { level: 1, name: 'Admin console' }).waitFor();
    await screenshot(page, 'admin-overview');
    await expectAccessible(page, 'admin overview');
  });

  it('imports a CSV: the bad line is shown with its error, then fixed and imported', async () => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Import' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Import org chart' }).waitFor();
    await page.getByLabel('Or paste the CSV').fill(BAD_CSV);
    await page.getByRole('button', { name: 'Check file' }).click();

    const badLine = page.locator('tr[data-line="4"]');
    await badLine.waitFor();
    expect(await badLine.getAttribute('class')).toContain('row--error');
    expect(await badLine.textContent()).toContain('manager_email');
    // Worded from the error code by the web app's messages, not the API's fallback text.
    expect(await badLine.textContent()).toContain('“not-an-email” is not a valid email address.');
    expect(await page.locator('tr.row--error').count()).toBe(1);
    expect(await page.getByText('One line needs fixing').isVisible()).toBe(true);
    await screenshot(page, 'admin-import-error');
    await expectAccessible(page, 'import with errors');

    await page.getByLabel('Or paste the CSV').fill(BAD_CSV.replace('not-an-email', 'nora@e2e.test'));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('heading', { name: '2. Preview' }).waitFor();
    expect(await page.getByText('5 new · 0 changed').isVisible()).toBe(true);
    await screenshot(page, 'admin-import-preview');
    await page.getByRole('button', { name: 'Import 5 changes' }).click();
    await page.getByText('Org chart imported').waitFor();

    await page.goto('/admin/people?search=nora');
    await page.locator('tr[data-person="nora@e2e.test"]').waitFor();
    await screenshot(page, 'admin-people');
    await expectAccessible(page, 'people list');
  });

  it('changes a role in the people list and sends a login link', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit Nora New' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Nora New' });
    await dialog.getByLabel('Role').selectOption('admin');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() =>
        page.locator('tr[data-person="nora@e2e.test"] td .badge').getByText('Admin', { exact: true }).count(),
      )
      .toBe(1);
    await page.goto('/admin/people?search=max');
    await page.getByRole('button', { name: 'Send login link: Max Manager' }).click();
    await page.getByRole('status').getByText('Link sent').waitFor();
  });

  it('schedules a round with the form and opens it after confirming', async () => {
    const { page } = browser;
    await page.goto('/admin/rounds/new');
    await page.getByRole('heading', { level: 1, name: 'Schedule a round' }).waitFor();
    await page.getByLabel('Round name').fill('E2E quarter');
    await page.getByLabel('Lena Lead · lena@e2e.test').check();
    await page.getByLabel('Max Manager · max@e2e.test').check();
    await page.getByLabel('Repeat').selectOption('quarterly');
    await screenshot(page, 'admin-round-form');
    await expectAccessible(page, 'round form');
    await page.getByRole('button', { name: 'Schedule round' }).click();

    await page.getByRole('heading', { level: 1, name: 'E2E quarter' }).waitFor();
    expect(await page.locator('[data-state="scheduled"]').isVisible()).toBe(true);
    // Before opening: the organisation's k, and a warning about groups of people new to the org chart.
    expect(await page.locator('[data-k="3"]').textContent()).toContain('k = 3');
    expect(await page.locator('[data-small-team-mode="null"]').textContent()).toMatch(
      /Small-team mode is (on|off) in the settings now; fixed when the round opens\./,
    );
    const padding = page.locator('[data-padding-warnings]');
    expect(await padding.getAttribute('class')).toContain('callout--warning');
    expect(await padding.getByText(/Lena Lead/).count()).toBeGreaterThan(0);
    expect(await padding.getByText(/5 of 5 invited are new/).count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-round-scheduled');

    // Until it opens, the round can still be changed.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit round' }).waitFor();
    expect(await page.getByLabel('Lena Lead · lena@e2e.test').isChecked()).toBe(true);
    await expectAccessible(page, 'edit round');
    await page.getByLabel('Round name').fill('E2E quarterly');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E quarterly' }).waitFor();
    await page.getByRole('button', { name: 'Open now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open “E2E quarterly” now?' });
    await dialog.getByRole('button', { name: 'Open and send invitations' }).click();
    await page.getByText(/The round is open: \d+ invitations created/).waitFor();
    await expect.poll(() => page.locator('h1 + [data-state="open"]').count()).toBe(1);
    await page.getByRole('heading', { name: 'Participation per leader' }).waitFor();
    // Nobody has answered yet: every count is withheld rather than shown as 0.
    const lena = page.getByRole('row', { name: /Lena Lead/ });
    expect(await lena.getByText('Fewer than 3').count()).toBeGreaterThan(0);
    expect(await lena.getByText(/^0 of/).count()).toBe(0);
    // After opening: k is fixed as promised, and the padding note is information, no longer a warning.
    expect(await page.locator('[data-k="3"]').textContent()).toContain('Promised at opening.');
    // The round says which small-team mode it opened with (the e2e organisation keeps it off).
    expect(await page.locator('[data-small-team-mode="false"]').textContent()).toContain(
      'Each group on its own',
    );
    expect(await page.locator('[data-padding-warnings]').getAttribute('class')).toContain('callout--info');
    await screenshot(page, 'admin-round-detail');
    await expectAccessible(page, 'round detail');
  });

  it('sends a reminder and says so without a count', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Send reminder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remind everyone who has not answered?' });
    await dialog.getByRole('button', { name: 'Send reminders' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Reminders are on their way' });
    await notice.waitFor();
    // A number here would tell the admin how many (and so possibly who) have not answered.
    expect(await notice.textContent()).not.toMatch(/\d/);
  });

  it('shows rounds, the heatmap with suppressed cells marked, settings and the outbox', async () => {
    const { page } = browser;
    await page.goto('/admin/rounds');
    await page.locator('tr[data-round="E2E quarterly"]').waitFor();
    await screenshot(page, 'admin-rounds');
    await expectAccessible(page, 'rounds list');

    await page.goto('/admin/results');
    await page.locator('table.heatmap').waitFor();
    expect(await page.locator('table.heatmap tbody tr').count()).toBe(2);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    await screenshot(page, 'admin-results-heatmap');
    await expectAccessible(page, 'results heatmap');

    await page.goto('/admin/settings');
    await page.getByLabel('Anonymity threshold (k)').fill('4');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByLabel('Anonymity threshold (k)').fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    await screenshot(page, 'admin-settings');
    await expectAccessible(page, 'settings');

    await page.goto('/admin/outbox');
    await page.getByRole('heading', { level: 1, name: 'Email outbox' }).waitFor();
    expect(await page.getByRole('link', { name: 'Open survey link' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-outbox');
    await expectAccessible(page, 'outbox');
  });

  it('can look at any leader dashboard by choosing the leader', async () => {
    const { page } = browser;
    await page.goto('/dashboard');
    await page.locator('#leader-picker').selectOption({ label: 'Lena Lead' });
    await page.getByRole('heading', { level: 1, name: 'Results for Lena Lead' }).waitFor();
    await page.locator('[data-thesis]').first().waitFor();
    expect(await page.locator('[data-report-meta]').textContent()).toContain('Lena Lead');
  });
});

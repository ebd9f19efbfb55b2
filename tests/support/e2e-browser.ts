/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { testEnv } from './test-env';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2eBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (no cookies, no storage) per test file. */
export async function openBrowser(
  options: { width?: number; height?: number; locale?: string; isMobile?: boolean } = {},
): Promise<E2eBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'resonance-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: testEnv.chromiumPath,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
    isMobile: options.isMobile,
    hasTouch: options.isMobile,
    baseURL: inject('e2e').webUrl,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Expected HTTP errors (e.g. an unknown invitation answering 404) log "Failed to load resource";
  // anything else on the console, such as a hydration mismatch, is a bug.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text().slice(0, 300)}`);
    }
  });
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      expect(problems, 'no uncaught errors and no console errors').toEqual([]);
    },
  };
}

export async function signIn(page: Page, email: string, password = inject('e2e').password) {
  await page.goto('/login');
  await page.getByLabel(/^(Email|E-Mail)$/).fill(email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/'),
    page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click(),
  ]);
}

/** Saves a full-page screenshot of a page type under test-output/screenshots/ to look at after the run. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  // A sticky header would otherwise be painted where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(inject('e2e').screenshotDir, `${name}.png`), fullPage });
}

/** Saves a screenshot of one part of a page (a section, a card) under test-output/screenshots/. */
export async function screenshotOf(locator: Locator, name: string) {
  await locator.screenshot({ path: path.join(inject('e2e').screenshotDir, `${name}.png`) });
}

/** axe-core on the current page: no serious or critical violations allowed. */
export async function expectAccessible(page: Page, label: string) {
  // After a client-side navigation Next.js streams the new page's <title> in after the content:
  // wait for it, so axe judges the page and not the moment between two pages.
  await page.waitForFunction(() => document.title.trim().length > 0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const severe = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
  expect(severe, `accessibility of ${label}`).toEqual([]);
}

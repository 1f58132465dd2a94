// Debian's Chromium driven by playwright-core, for the console's browser tests and bench: a fresh profile
// each launch, no network of its own (no sync, updates, QUIC or background fetches).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@cx/testing';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';

// Browser globals, used only inside page callbacks (the workspace's type check has no DOM library).
declare const document: any;
declare const sessionStorage: any;
declare const localStorage: any;

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'cx-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A development token from the console server (as the sign-in form asks for one). */
export async function devToken(consoleUrl: string, role: string, dept?: string): Promise<string> {
  const res = await fetch(`${consoleUrl}/dev/token`, {
    method: 'POST',
    body: JSON.stringify({ role, dept }),
  });
  if (!res.ok) throw new Error(`/dev/token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * A new page signed in as `role` (and `dept`), in English: the session the sign-in form keeps, written
 * before the app starts (the form itself is tested once, in console.spec.ts).
 */
export async function signedInPage(
  browser: Browser,
  consoleUrl: string,
  role: string,
  dept?: string,
): Promise<Page> {
  const token = await devToken(consoleUrl, role, dept);
  const page = await browser.context.newPage();
  await page.addInitScript(
    ({ token, role, dept }) => {
      const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
        sub: string;
        exp: number;
      };
      sessionStorage.setItem(
        'cx-console.session',
        JSON.stringify({ token, sub: claims.sub, roles: [role], dept, exp: claims.exp }),
      );
      localStorage.setItem('cx-console.language', 'en');
    },
    { token, role, dept },
  );
  return page;
}

/** Every chart on the page has finished drawing (Chart.tsx marks it) and no request is under way. */
export async function chartsDrawn(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout });
  await page.waitForFunction(
    () => {
      const charts = [...document.querySelectorAll('[data-chart]')];
      return charts.length > 0 && charts.every((c) => c.getAttribute('data-chart') === 'drawn');
    },
    undefined,
    { timeout },
  );
}

/**
 * Chooses the option titled `title` of an antd select and waits until the select shows it. The options
 * are in a popup outside the form that opens and closes with an animation: under CI's load a click can
 * land while it is still moving and be lost, so the choice is made again until the select shows it.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  title: string,
  timeout = 30_000,
): Promise<void> {
  const shown = select
    .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .locator(`.ant-select-content-has-value[title="${title}"]`);
  const option = page.locator(`.ant-select-item-option[title="${title}"]`);
  await waitFor(
    async () => {
      if (await shown.isVisible()) return true;
      if (!(await option.isVisible())) await select.click({ timeout: 5_000 });
      await option.click({ timeout: 5_000 });
      await shown.waitFor({ timeout: 3_000 });
      return true;
    },
    timeout,
    `the option "${title}" chosen`,
  );
}

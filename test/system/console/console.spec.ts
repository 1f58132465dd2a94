// The leads' console in a real browser (Debian's Chromium through playwright-core) against the real
// platform: the five services as processes, filled by scripts/seed.mjs, behind the console server.
// Each page loads with data and without console errors, a filter changes the charts, a lead of one
// department cannot open another's page, axe finds no serious or critical violation, and a screenshot
// of each page is kept under artifacts/console (gitignored).
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Browser, chartsDrawn, launchBrowser, signedInPage } from './browser';
import { ConsolePlatform, startConsolePlatform } from './console-platform';

// Browser globals, used only inside page callbacks (the workspace's type check has no DOM library).
declare const document: any;
declare const sessionStorage: any;
declare const window: any;

const ROOT = join(__dirname, '../../..');
const ARTIFACTS = join(ROOT, 'artifacts/console');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PAGES = ['scorecard', 'complaints', 'crm', 'aftersales', 'surveys', 'training'] as const;

/** Errors the page logs or throws while `work` runs. */
async function consoleErrors(page: Page, work: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') errors.push(m.text());
  };
  const onError = (e: Error) => errors.push(e.message);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  try {
    await work();
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
  }
  return errors;
}

/** Serious and critical axe violations of the page as it is now: `rule: target` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the console's CSP (script-src 'self') does not
  // govern: an injected <script> would be refused, as it should be.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = window.axe as { run(c: unknown): Promise<{ violations: any[] }> };
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n: { target: string[] }) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

describe('the leads console in Chromium (real platform, seeded)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'cx-console-dist-'));
    await mkdir(ARTIFACTS, { recursive: true });
    platform = await startConsolePlatform({ size: 'small', dist });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await rm(dist, { recursive: true, force: true });
  });

  it('signs in with a development token picked by role and department, and switches language', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(platform.url);
      await page.getByRole('combobox', { name: /role|角色/i }).click();
      await page.locator('.ant-select-item-option[title="lead"]').click();
      await page.getByRole('combobox', { name: /department|部门/i }).click();
      await page.locator('.ant-select-item-option[title="complaints"]').click();
      // antd spaces out a two-character Chinese label: 登 录.
      await page.getByRole('button', { name: /sign in|登\s*录/i }).click();
      await page.waitForURL(/\/complaints/);
      const menu = page.getByRole('navigation');
      await expect(menu.getByRole('link').allTextContents()).resolves.toHaveLength(1);
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe('Complaints');
      await page.getByText('中文', { exact: true }).click();
      await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe('投诉');
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
      await page.screenshot({ path: join(ARTIFACTS, 'complaints-zh-CN.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it.each(PAGES)('%s: loads with data, no console errors, no serious axe violation', async (name) => {
    const page = await signedInPage(browser, platform.url, 'admin');
    try {
      const errors = await consoleErrors(page, async () => {
        await page.goto(`${platform.url}/${name}`);
        await chartsDrawn(page);
      });
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      const rows = await page.locator('.ant-table-row').count();
      const figures = (await page.locator('.ant-statistic-content-value').allTextContents()).filter((v) =>
        /[1-9]/.test(v),
      );
      expect({
        errors,
        problems: await page.locator('.ant-alert-error').allTextContents(),
        hasData: rows + figures.length > 0,
        axe: await axeViolations(page),
      }).toEqual({ errors: [], problems: [], hasData: true, axe: [] });
    } finally {
      await page.close();
    }
  });

  it('the scorecard drills down from a store to its employees', async () => {
    const page = await signedInPage(browser, platform.url, 'admin');
    try {
      await page.goto(`${platform.url}/scorecard`);
      await chartsDrawn(page);
      const storeRow = page.locator('tr[data-row-key]', { hasText: /^[A-Z]{2}-\d{3}/ }).first();
      const storeId = (await storeRow.locator('td').nth(1).textContent())!;
      await storeRow.getByRole('button', { name: /expand/i }).click();
      const employees = page.getByRole('table').filter({ has: page.getByText(`Employees of ${storeId}`) });
      await employees.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await employees.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('a store filter changes the charts and stays in the URL', async () => {
    const page = await signedInPage(browser, platform.url, 'admin');
    try {
      await page.goto(`${platform.url}/complaints`);
      await chartsDrawn(page);
      const chart = page.getByRole('img', { name: 'Hot spots: stores' });
      const before = await chart.screenshot();
      const stores = await page.evaluate(() => document.querySelectorAll('[data-chart]').length);
      expect(stores).toBeGreaterThan(0);
      await page.getByRole('combobox', { name: 'Store' }).click();
      const option = page.locator('.ant-select-item-option').first();
      const storeId = await option.getAttribute('title');
      await option.click();
      await page.waitForURL(new RegExp(`store=${storeId}`));
      await chartsDrawn(page);
      expect((await chart.screenshot()).equals(before)).toBe(false);
      await page.reload();
      await chartsDrawn(page);
      await expect(page.getByTestId('filters').textContent()).resolves.toContain(storeId);
    } finally {
      await page.close();
    }
  });

  it("a lead of one department sees only their page and cannot open another's", async () => {
    const page = await signedInPage(browser, platform.url, 'lead', 'complaints');
    try {
      const calls: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname);
      });
      await page.goto(`${platform.url}/complaints`);
      await chartsDrawn(page);
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Complaints']);
      for (const other of ['scorecard', 'crm', 'aftersales', 'surveys', 'training']) {
        await page.goto(`${platform.url}/${other}`);
        await expect(page.getByText('Not for your role').textContent()).resolves.toBeTruthy();
      }
      expect(calls.filter((c) => !c.startsWith('/api/complaints/'))).toEqual([]);
      // The services still enforce it: the lead's own token is refused by another service.
      const refused = await page.evaluate(async () => {
        const session = JSON.parse(sessionStorage.getItem('cx-console.session')) as { token: string };
        const res = await fetch('/api/crm/v1/admin/analytics/tiers', {
          headers: { authorization: `Bearer ${session.token}` },
        });
        return res.status;
      });
      expect(refused).toBe(403);
    } finally {
      await page.close();
    }
  });
});

// The leads' console in a real browser (Debian's Chromium through playwright-core) against the real
// platform: the five services as processes, filled by scripts/seed.mjs, behind the console server.
// Each page loads with data and without console errors, a filter changes the charts, a lead of one
// department cannot open another's page, axe finds no serious or critical violation, and a screenshot
// of each page is kept under artifacts/console (gitignored). The CX reports page: an admin makes a
// report, a lead answers it with a measure for their own department, another department's lead is
// offered no report form.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@cx/testing';
import { Page } from 'playwright-core';
import { Browser, chartsDrawn, chooseOption, devToken, launchBrowser, signedInPage } from './browser';
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
      await chooseOption(page, page.getByRole('combobox', { name: /role|角色/i }), 'lead');
      await chooseOption(page, page.getByRole('combobox', { name: /department|部门/i }), 'complaints');
      // antd spaces out a two-character Chinese label: 登 录.
      await page.getByRole('button', { name: /sign in|登\s*录/i }).click();
      await page.waitForURL(/\/complaints/);
      const menu = page.getByRole('navigation');
      await expect(menu.getByRole('link').allTextContents()).resolves.toHaveLength(2); // theirs, CX reports
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
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
        'Complaints',
        'CX reports',
      ]);
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
  it('reports: an admin makes a report; the page lists it with no console errors and no serious axe violation', async () => {
    const page = await signedInPage(browser, platform.url, 'admin');
    try {
      const errors = await consoleErrors(page, async () => {
        await page.goto(`${platform.url}/reports`);
        await page.getByRole('button', { name: 'Make report' }).click();
        // The report is made (PDF and all) and chosen: its measures card opens and the URL keeps it.
        await page.waitForURL(/report=[0-9a-f-]{36}/, { timeout: 60_000 });
        await page
          .getByTestId('report')
          .getByRole('heading', { name: /Improvement measures answering/ })
          .waitFor();
      });
      await page.screenshot({ path: join(ARTIFACTS, 'reports.png'), fullPage: true });
      const rows = page.getByRole('table').first().locator('tbody tr.ant-table-row');
      expect({
        errors,
        problems: await page.locator('.ant-alert-error').allTextContents(),
        reports: (await rows.count()) > 0,
        company: await rows.first().textContent(),
        axe: await axeViolations(page),
      }).toEqual({
        errors: [],
        problems: [],
        reports: true,
        company: expect.stringContaining('Company'),
        axe: [],
      });
      // The PDF downloads with the bearer token.
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        rows.first().getByRole('button', { name: 'PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/^cx-report-.+\.pdf$/);
    } finally {
      await page.close();
    }
  });

  // Answers the report the admin made in the test before (the tests of this file run in order).
  it('a lead answers a report for their own department and moves the measure; they are offered no report form', async () => {
    const page = await signedInPage(browser, platform.url, 'lead', 'complaints');
    try {
      const errors = await consoleErrors(page, async () => {
        await page.goto(`${platform.url}/reports`);
        const rows = page.getByRole('table').first().locator('tbody tr.ant-table-row');
        await rows
          .first()
          .getByRole('button', { name: /Measures of/ })
          .click();
        await page
          .getByTestId('report')
          .getByRole('heading', { name: /Improvement measures answering/ })
          .waitFor();
        expect(await page.getByRole('button', { name: 'Make report' }).count()).toBe(0);
        expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
          'Complaints',
          'CX reports',
        ]);
        const report = page.getByTestId('report');
        // Their own department only: the department is fixed to theirs.
        await expect(report.getByLabel('Department').isDisabled()).resolves.toBe(true);
        await report.getByLabel('Goal').fill('72 小时内解决率回到 95% 以上：每日晨会复盘超时工单');
        await report.getByLabel('Owner (employee number)').fill('E10023');
        const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        await report.getByLabel('Due date').click();
        await report.getByLabel('Due date').fill(due);
        await report.getByLabel('Due date').press('Enter');
        // The picker has taken the date before the form is sent (under CI's load it can lag the keys).
        await waitFor(
          async () => (await report.getByLabel('Due date').inputValue()) === due,
          10_000,
          'the due date',
        );
        await chooseOption(page, report.getByLabel('KPI to move'), 'Complaint resolution rate');
        // Wait for the service's answer itself, so that a refused form fails here with its status.
        const created = page.waitForResponse(
          (r) => r.request().method() === 'POST' && /\/api\/surveys\/v1\/improvement-measures$/.test(r.url()),
        );
        await report.getByRole('button', { name: 'Add measure' }).click();
        expect((await created).status()).toBe(201);
        const measure = report.locator('tbody tr.ant-table-row', { hasText: 'E10023' });
        await measure.waitFor();
        expect(await measure.textContent()).toEqual(expect.stringContaining('complaints'));
        expect(await measure.textContent()).toEqual(expect.stringContaining(due));
        await measure.getByRole('button', { name: 'Mark in progress' }).click();
        await measure.getByText('in progress', { exact: true }).waitFor();
        // Done and dropped remain; in progress is not offered again.
        expect(await measure.getByRole('button').allTextContents()).toEqual(['Mark done', 'Mark dropped']);
      });
      await page.screenshot({ path: join(ARTIFACTS, 'reports-lead.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reports past the first page load with "Load older reports", each once', async () => {
    // A second report (a quarter of the company), made through the API, so that the list has two.
    const token = await devToken(platform.url, 'admin');
    const made = await fetch(`${platform.url}/api/surveys/v1/cx-reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: 'quarter', language: 'en' }),
    });
    expect([200, 201]).toContain(made.status); // 200: it was made already
    const page = await signedInPage(browser, platform.url, 'admin');
    try {
      // Pages of one report each, so that the second page is needed (the page asks for 50).
      await page.route(/\/api\/surveys\/v1\/cx-reports\?/, (route) =>
        route.continue({
          url: route
            .request()
            .url()
            .replace(/limit=50/, 'limit=1'),
        }),
      );
      const errors = await consoleErrors(page, async () => {
        await page.goto(`${platform.url}/reports`);
        const rows = page.getByRole('table').first().locator('tbody tr.ant-table-row');
        await rows.first().waitFor();
        expect(await rows.count()).toBe(1);
        const more = page.getByRole('button', { name: 'Load older reports' });
        await more.click();
        await rows.nth(1).waitFor();
        const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
        expect(ids.length).toBeGreaterThanOrEqual(2);
        expect(new Set(ids).size).toBe(ids.length);
      });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the CX lead (surveys) is offered the report form', async () => {
    const page = await signedInPage(browser, platform.url, 'lead', 'surveys');
    try {
      await page.goto(`${platform.url}/reports`);
      await page.getByRole('button', { name: 'Make report' }).waitFor();
    } finally {
      await page.close();
    }
  });
});

// The periodic CX report made by surveys alone (the other four services are not running, so their
// figures are named unavailable and the rest is shown): on request and on schedule, stored, listed,
// downloaded, and checked as a reader sees it: the PDF rendered to PNG pages (pdftoppm) with every
// section heading in its text (pdftotext) and ink where the charts are drawn.
import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { inkShare, pdfPageTexts, pdfToPngPages, ServiceHarness, startService } from '@cx/testing';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CxReportService } from '../src/cx-report/cx-report.service';
import { REPORT_TEXTS } from '../src/cx-report/cx-report.texts';
import { surveysService } from '../src/service';
import { answerOffline, setUpQuestionnaire } from './support';

const URL = '/api/v1/cx-reports';
/** Kept for a reader of the test run (and CI artifacts): the pages as PNG. */
const ARTIFACTS = join(__dirname, '../../../test-results/cx-report');

describe('cx-reports (real Postgres and NATS, PDF read back with poppler)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;

  /** Offline CSAT answers at a store on the clock's day (4-5 is satisfied). */
  const answer = (storeId: string, ...scores: number[]) =>
    answerOffline(h, { questionnaireId, storeId }, ...scores);

  const make = async (body: Record<string, unknown>) => {
    const res = await h.request('POST', URL, { as: 'lead', body });
    expect({ status: res.statusCode, body: res.statusCode === 201 ? undefined : res.json() }).toEqual({
      status: 201,
    });
    return res.json<{ id: string; pdf: string; missed: number; unavailable: string[]; figures: unknown[] }>();
  };

  const pdfOf = async (id: string): Promise<Buffer> => {
    const res = await h.request('GET', `${URL}/${id}/pdf`, { as: 'lead', dept: 'complaints' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    return res.rawPayload;
  };

  beforeAll(async () => {
    h = await startService(surveysService, {
      clock: new ManualClock('2026-09-10T02:00:00Z'),
      env: { CX_REPORT_INTERVAL_MS: '86400000' },
    });
    ({ questionnaireId } = await setUpQuestionnaire(h));
    // September 1 of 2 satisfied, October 2 of 4, November 3 of 4 (Shanghai calendar).
    await answer('SH-001', 5, 1);
    h.clock.set('2026-10-10T02:00:00Z');
    await answer('SH-001', 5, 4, 2, 1);
    h.clock.set('2026-11-10T02:00:00Z');
    await answer('SH-001', 5, 4, 4);
    await answer('SH-002', 1);
    h.clock.set('2026-12-02T04:00:00Z');
    await rm(ARTIFACTS, { recursive: true, force: true });
  }, 120_000);

  afterAll(() => h?.stop());

  it('makes the November report in zh-CN: every section, the scorecard, charts drawn, stored and announced', async () => {
    const report = await make({ period: 'month', label: '2026-11' });
    expect(report).toMatchObject({
      period: 'month',
      label: '2026-11',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
      storeId: null,
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      trigger: 'request',
      unavailable: ['aftersales', 'complaints', 'crm', 'training'],
      pdf: `${URL}/${report.id}/pdf`,
      createdBy: 'u-lead',
    });
    // Surveys' own figures: 3 of 4 satisfied (against 90 %: missed; October 2 of 4), no audits.
    expect(report.figures).toEqual([
      expect.objectContaining({
        figure: 'satisfaction',
        numerator: 3,
        denominator: 4,
        value: 0.75,
        previous: 0.5,
        missed: true,
      }),
      expect.objectContaining({ figure: 'audit-pass-rate', denominator: 0, value: null, missed: null }),
    ]);
    expect(report.missed).toBe(1);

    const pdf = await pdfOf(report.id);
    const pages = await pdfPageTexts(pdf);
    const all = pages.join('\n');
    const t = REPORT_TEXTS['zh-CN'];
    for (const heading of Object.values(t.sections)) expect(all).toContain(heading);
    expect(pages[0]).toContain('客户体验报告');
    expect(pages[0]).toMatch(/客户满意度\s+75\.0%\s+>= 90\.0%\s+50\.0%\s+改善\s+× 未达标/);
    expect(all).toContain(`${t.unavailable}: aftersales (RPC_UNAVAILABLE)`);

    const dir = join(ARTIFACTS, 'zh-CN');
    await mkdir(dir, { recursive: true });
    const pngs = await pdfToPngPages(pdf, dir);
    expect(pngs).toHaveLength(pages.length);
    const trendsPage = pngs[pages.findIndex((p) => p.includes(t.sections.trends))];
    // The trends page: the figures' bar chart, then the satisfaction line under it, then nothing. Each
    // chart's box has ink; the empty lower part of the same page, measured the same way, has none.
    const bars = await inkShare(trendsPage, { left: 0.08, top: 0.1, right: 0.92, bottom: 0.28 });
    const line = await inkShare(trendsPage, { left: 0.08, top: 0.3, right: 0.92, bottom: 0.58 });
    const empty = await inkShare(trendsPage, { left: 0.08, top: 0.65, right: 0.92, bottom: 0.95 });
    expect(bars).toBeGreaterThan(0.03);
    expect(line).toBeGreaterThan(0.03);
    expect(empty).toBeLessThan(0.001);

    const [stored] = await h.sql<{ size: number; owner: string; content_type: string }>(
      `SELECT f.size, f.owner, f.content_type FROM cx_report r JOIN stored_file f ON f.id = r.file_id WHERE r.id = $1`,
      [report.id],
    );
    expect(stored).toEqual({
      size: pdf.length,
      owner: `cx-report:${report.id}`,
      content_type: 'application/pdf',
    });
    const events = (await h.outbox(Subjects.surveys.cxReportGenerated)).filter(
      (e) => e.data.reportId === report.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      label: '2026-11',
      language: 'zh-CN',
      missed: 1,
      pdfUrl: `http://127.0.0.1:3004${URL}/${report.id}/pdf`,
    });
  }, 60_000);

  it('makes a store’s quarter in English on request', async () => {
    await make({ period: 'quarter', label: '2026-Q2', storeId: 'SH-002', language: 'en' });
    const res = await h.request('POST', URL, {
      as: 'lead',
      body: { period: 'quarter', label: '2026-Q3', storeId: 'SH-002', language: 'en' },
    });
    expect(res.statusCode).toBe(201);
    const pages = await pdfPageTexts(await pdfOf(res.json().id));
    const all = pages.join('\n');
    for (const heading of Object.values(REPORT_TEXTS.en.sections)) expect(all).toContain(heading);
    expect(pages[0]).toMatch(/Customer experience report · Quarterly 2026-Q3 ·\s+Store SH-002/);
  }, 60_000);

  it('refuses a period not ended (409), a bad body naming the field (400), and callers who may not make one', async () => {
    const open = await h.request('POST', URL, { as: 'lead', body: { period: 'month', label: '2026-12' } });
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'CX_REPORT_PERIOD_NOT_CLOSED' });
    for (const [body, field] of [
      [{ label: '2026-11' }, 'period'],
      [{ period: 'week' }, 'period'],
      [{ period: 'month', label: '2026-Q4' }, 'label'],
      [{ period: 'month', label: 'November' }, 'label'],
      [{ period: 'month', language: 'fr' }, 'language'],
      [{ period: 'month', extra: 1 }, 'extra'],
    ] as const) {
      const res = await h.request('POST', URL, { as: 'lead', body });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect((await h.request('POST', URL, { body: { period: 'month' } })).statusCode).toBe(401);
    expect((await h.request('POST', URL, { as: 'agent', body: { period: 'month' } })).statusCode).toBe(403);
    // Every department's lead reads reports; only the CX lead (surveys) makes them.
    const other = await h.request('POST', URL, { as: 'lead', dept: 'complaints', body: { period: 'month' } });
    expect(other.statusCode).toBe(403);
    expect((await h.request('GET', URL, { as: 'lead', dept: 'training' })).statusCode).toBe(200);
    expect((await h.request('GET', URL, { as: 'agent' })).statusCode).toBe(403);
    const missing = await h.request('GET', `${URL}/01960000-0000-7000-8000-000000000000/pdf`, { as: 'lead' });
    expect(missing.statusCode).toBe(404);
  });

  it('makes each closed month and quarter once on schedule, with two replicas at it', async () => {
    const replica = await h.replica();
    const now = h.clock.now();
    const made = await Promise.all([
      h.get(CxReportService).generateDueOnce(now),
      replica.app.get(CxReportService).generateDueOnce(now),
    ]);
    expect(
      made
        .flat()
        .map((r) => `${r.period} ${r.label}`)
        .sort(),
    ).toEqual(['month 2026-11', 'quarter 2026-Q3']);
    // Again: nothing more to make.
    expect(await h.get(CxReportService).generateDueOnce(now)).toEqual([]);
    const rows = await h.sql<{ period: string; label: string; created_by: string; language: string }>(
      `SELECT period, label, created_by, language FROM cx_report WHERE trigger = 'schedule' ORDER BY period`,
    );
    expect(rows).toEqual([
      { period: 'month', label: '2026-11', created_by: 'scheduler', language: 'zh-CN' },
      { period: 'quarter', label: '2026-Q3', created_by: 'scheduler', language: 'zh-CN' },
    ]);
    // Files of a replica that lost the race are gone with its rollback: one PDF per report.
    const [{ orphans }] = await h.sql<{ orphans: number }>(
      `SELECT count(*)::int AS orphans FROM stored_file f WHERE f.owner LIKE 'cx-report:%'
          AND NOT EXISTS (SELECT 1 FROM cx_report r WHERE r.file_id = f.id)`,
    );
    expect(orphans).toBe(0);
  }, 120_000);

  it('lists newest first, by period and store, one page after the other', async () => {
    const first = await h.request('GET', `${URL}?limit=2`, { as: 'lead' });
    expect(first.statusCode).toBe(200);
    const all = await h.request('GET', `${URL}?limit=100`, { as: 'lead' });
    const items = all.json<{ items: { id: string; createdAt: string }[] }>().items;
    expect(first.json().items.map((x: { id: string }) => x.id)).toEqual(items.slice(0, 2).map((x) => x.id));
    const next = await h.request(
      'GET',
      `${URL}?limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`,
      {
        as: 'lead',
      },
    );
    expect(next.json().items.map((x: { id: string }) => x.id)).toEqual(items.slice(2, 4).map((x) => x.id));
    const stores = await h.request('GET', `${URL}?storeId=SH-002&period=quarter`, { as: 'lead' });
    expect(stores.json().items.map((x: { label: string }) => x.label)).toEqual(['2026-Q3', '2026-Q2']);
    const bad = await h.request('GET', `${URL}?period=week`, { as: 'lead' });
    expect(bad.statusCode).toBe(400);
  });
});

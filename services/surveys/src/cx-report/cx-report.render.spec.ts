// The renderer with every section filled (the integration tests mostly see empty lists): read back
// with poppler's pdftotext and pdftoppm, as a reader would see it. No service, no database.
import { SCORECARD_FIGURES } from '@cx/contracts';
import { inkShare, pdfPageTexts, pdfToPngPages } from '@cx/testing';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CxReportContent } from './cx-report.content';
import { renderCxReport } from './cx-report.render';
import { windowOf } from './cx-report.rules';
import { REPORT_TEXTS } from './cx-report.texts';

const FONT = {
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  family: 'NotoSansCJKsc-Regular',
};

function content(language: 'zh-CN' | 'en'): CxReportContent {
  return {
    window: windowOf('quarter', '2026-Q3', 'Asia/Shanghai')!,
    storeId: 'SH-001',
    language,
    timeZone: 'Asia/Shanghai',
    generatedAt: new Date('2026-10-01T02:00:00Z'),
    figures: SCORECARD_FIGURES.map((figure, i) => ({
      figure,
      value: 0.5 + i / 40,
      numerator: 50 + i,
      denominator: 100,
      target: { operator: figure === 'complaint-rate' ? '<=' : '>=', value: 0.6, basis: 'seed' },
      previous: 0.55,
      missed: i % 2 === 0,
      owner: 'surveys',
    })),
    unavailable: [],
    trend: ['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'].map((label, i) => ({
      label,
      satisfaction: i === 0 ? null : 0.7 + i / 50,
      responses: i === 0 ? 0 : 100,
    })),
    hotSpots: {
      categories: [
        { key: 'product-quality', count: 12, previousCount: 8 },
        { key: 'service-attitude', count: 5, previousCount: 9 },
      ],
      stores: [{ key: 'SH-001', count: 17, previousCount: 17 }],
    },
    alerts: [
      {
        source: 'complaints',
        metric: 'resolution-rate',
        scope: 'SH-001',
        value: 0.81,
        threshold: 0.95,
        raisedAt: new Date('2026-09-20T02:00:00Z'),
      },
    ],
    correctiveActions: [
      {
        source: 'surveys',
        title: '门店30秒内问候顾客',
        department: null,
        ownerId: 'E-77',
        dueAt: new Date('2026-10-15T02:00:00Z'),
        status: 'open',
      },
    ],
    measures: [
      {
        department: 'aftersales',
        goal: '维修周期缩短到 5 天',
        ownerId: 'E-88',
        dueDate: '2026-09-30',
        kpi: 'aftersales-resolution-rate',
        status: 'done',
        before: 0.61,
        after: 0.7,
        moved: 'better',
      },
    ],
  };
}

describe('renderCxReport', () => {
  it('writes every section with its rows, in zh-CN', async () => {
    const pdf = await renderCxReport(content('zh-CN'), FONT);
    const text = (await pdfPageTexts(pdf)).join('\n');
    const t = REPORT_TEXTS['zh-CN'];
    for (const heading of Object.values(t.sections)) expect(text).toContain(heading);
    expect(text).toMatch(/客户体验报告 · 季度 2026-Q3 ·\s+门店 SH-001/);
    expect(text).toMatch(/投诉率\s+52\.5%\s+<= 60\.0%\s+55\.0%\s+改善\s+达标/);
    expect(text).toMatch(/客户满意度\s+50\.0%\s+>= 60\.0%\s+55\.0%\s+变差\s+× 未达标/);
    expect(text).toMatch(/product-quality\s+12\s+8/);
    expect(text).toMatch(/门店 SH-001\s+17\s+17/);
    expect(text).toMatch(/客服\s+resolution-rate\s+SH-001\s+81\.0%\s+95\.0%\s+2026-09-20/);
    expect(text).toMatch(/体验调研\s+门店30秒内问候顾客\s+—\s+E-77\s+2026-10-15\s+open/);
    expect(text).toMatch(
      /售后\s+维修周期缩短到 5 天 \(done\)\s+E-88\s+2026-09-30\s+售后解决率\s+61\.0%\s+70\.0%\s+改善/,
    );
  }, 30_000);

  it('draws the charts: ink in each chart, none below them', async () => {
    const pdf = await renderCxReport(content('en'), FONT);
    const pages = await pdfPageTexts(pdf);
    const pngs = await pdfToPngPages(pdf, await mkdtemp(join(tmpdir(), 'cx-render-')));
    const t = REPORT_TEXTS.en;
    const trends = pngs[pages.findIndex((p) => p.includes(t.sections.trends))];
    const hotSpots = pngs[pages.findIndex((p) => p.includes(t.sections.hotSpots))];
    // Eleven figures make the bar chart taller than with two (0.1 to about 0.5 of the page).
    expect(await inkShare(trends, { left: 0.08, top: 0.1, right: 0.92, bottom: 0.45 })).toBeGreaterThan(0.05);
    expect(await inkShare(trends, { left: 0.08, top: 0.5, right: 0.92, bottom: 0.8 })).toBeGreaterThan(0.02);
    expect(await inkShare(trends, { left: 0.08, top: 0.85, right: 0.92, bottom: 0.97 })).toBeLessThan(0.001);
    expect(await inkShare(hotSpots, { left: 0.08, top: 0.1, right: 0.92, bottom: 0.25 })).toBeGreaterThan(
      0.03,
    );
  }, 30_000);
});

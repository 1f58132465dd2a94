// The CX report as a PDF, made without a browser (ADR 41): charts are ECharts rendered server-side to
// SVG and drawn into pdfkit with svg-to-pdfkit; text is set in a CJK font (Noto Sans CJK by default)
// so Chinese and English read alike. Pure apart from reading the font file.
import { HotSpotV1, ScorecardFigureV1 } from '@cx/contracts';
import { trendOf } from '@cx/platform';
import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CxReportContent } from './cx-report.content';
import { REPORT_TEXTS, ReportTexts } from './cx-report.texts';

export interface ReportFont {
  /** A .ttf, .otf or .ttc file. */
  path: string;
  /** The face inside a collection (.ttc), e.g. `NotoSansCJKsc-Regular`; omitted for a single font. */
  family?: string;
}

const FONT = 'report';
const MARGIN = 50;
const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const COLORS = ['#5470c6', '#91cc75', '#ee6666'];

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const day = (d: Date, timeZone: string): string => d.toLocaleDateString('sv-SE', { timeZone });

/** One chart as SVG: ECharts' server-side renderer, no DOM, disposed at once (else it keeps timers). */
function chartSvg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A chart across the page at the cursor, in the report's colours; the cursor moves `gap` below it. */
function drawChart(
  doc: PDFKit.PDFDocument,
  option: echarts.EChartsOption,
  height: number,
  gap: number,
): void {
  const svg = chartSvg({ color: COLORS, ...option }, WIDTH, height);
  SVGtoPDF(doc, svg, MARGIN, doc.y, { width: WIDTH, height, fontCallback: () => FONT });
  doc.y += height + gap;
}

/** A chart's title, centred above it. */
const chartTitle = (text: string) => ({
  text,
  left: 'center',
  textStyle: { fontSize: 13, fontFamily: FONT },
});

/** Renders the report; resolves with the PDF's bytes. */
export function renderCxReport(content: CxReportContent, font: ReportFont): Promise<Buffer> {
  const t = REPORT_TEXTS[content.language];
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title(content, t) } });
  doc.registerFont(FONT, font.path, font.family);
  doc.font(FONT);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  cover(doc, content, t);
  scorecard(doc, content, t);
  trends(doc, content, t);
  hotSpots(doc, content, t);
  alerts(doc, content, t);
  actions(doc, content, t);
  measures(doc, content, t);
  doc.end();
  return done;
}

function title(c: CxReportContent, t: ReportTexts): string {
  const scope = c.storeId === null ? t.company : `${t.store} ${c.storeId}`;
  return `${t.title} · ${t.periodOf[c.window.period]} ${c.window.label} · ${scope}`;
}

function cover(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  doc.fontSize(20).text(title(c, t), { width: WIDTH });
  doc.moveDown(0.3);
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(
      `${day(c.window.from, c.timeZone)} – ${day(new Date(c.window.to.getTime() - 1), c.timeZone)} (${c.timeZone}) · ${t.generatedAt} ${c.generatedAt.toISOString()}`,
    )
    .fillColor('black');
  if (c.unavailable.length > 0)
    doc.text(`${t.unavailable}: ${c.unavailable.map((u) => `${u.service} (${u.code})`).join(', ')}`);
  doc.moveDown();
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > BOTTOM - 80) doc.addPage();
  doc.moveDown(0.5).fontSize(14).fillColor('black').text(text, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3).fontSize(9);
}

/** A table: fixed column widths (shares of the page width), a header row, a new page when full. */
function table(doc: PDFKit.PDFDocument, columns: [string, number][], rows: string[][], none: string): void {
  const widths = columns.map(([, share]) => share * WIDTH);
  const line = (cells: string[], header: boolean) => {
    const height =
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 4 }))) + 4;
    if (doc.y + height > BOTTOM) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const missed = !header && cell.startsWith('×');
      doc.fillColor(missed ? '#c23531' : header ? '#333333' : 'black');
      doc.text(cell, x + 2, y + 2, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.fillColor('black');
    doc.y = y + height;
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + WIDTH, doc.y)
      .lineWidth(header ? 0.8 : 0.3)
      .strokeColor('#999999')
      .stroke();
  };
  line(
    columns.map(([name]) => name),
    true,
  );
  if (rows.length === 0) {
    doc.text(none, MARGIN + 2, doc.y + 2);
    doc.moveDown(0.5);
  }
  for (const row of rows) line(row, false);
  doc.x = MARGIN;
}

function status(f: Pick<ScorecardFigureV1, 'missed'>, t: ReportTexts): string {
  return f.missed === true ? `× ${t.missed}` : f.missed === false ? t.met : t.noTarget;
}

function scorecard(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  heading(doc, t.sections.scorecard);
  table(
    doc,
    [
      [t.columns.figure, 0.3],
      [t.columns.value, 0.13],
      [t.columns.target, 0.15],
      [t.columns.previous, 0.13],
      [t.columns.trend, 0.12],
      [t.columns.status, 0.17],
    ],
    c.figures.map((f) => {
      const trend = trendOf(f);
      return [
        t.figures[f.figure],
        pct(f.value),
        f.target ? `${f.target.operator} ${pct(f.target.value)}` : t.noTarget,
        pct(f.previous),
        trend ? t.trend[trend] : '—',
        status(f, t),
      ];
    }),
    t.none,
  );
}

/** The trends on a page of their own: the figures against the previous period and the target, and satisfaction over time. */
function trends(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  doc.addPage();
  heading(doc, t.sections.trends);
  const figures = [...c.figures].reverse(); // ECharts draws a category axis bottom-up
  const names = figures.map((f) => t.figures[f.figure]);
  const asPct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const height = 60 + 26 * Math.max(figures.length, 3);
  drawChart(
    doc,
    {
      title: chartTitle(t.charts.figures),
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 150, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, axisLabel: { fontFamily: FONT } },
      series: [
        { name: t.charts.thisPeriod, type: 'bar', data: figures.map((f) => asPct(f.value)) },
        { name: t.charts.previousPeriod, type: 'bar', data: figures.map((f) => asPct(f.previous)) },
        {
          name: t.charts.targetLevel,
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 10,
          data: figures.map((f) => (f.target ? asPct(f.target.value) : null)),
        },
      ],
    },
    height,
    16,
  );
  const satisfactionTarget = c.figures.find((f) => f.figure === 'satisfaction')?.target?.value ?? null;
  drawChart(
    doc,
    {
      title: chartTitle(t.charts.satisfaction),
      grid: { left: 50, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: c.trend.map((p) => p.label) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          connectNulls: false,
          data: c.trend.map((p) => asPct(p.satisfaction)),
          areaStyle: { opacity: 0.15 },
          ...(satisfactionTarget === null
            ? {}
            : {
                markLine: {
                  symbol: 'none',
                  data: [{ yAxis: asPct(satisfactionTarget) ?? 0, name: t.charts.targetLevel }],
                  lineStyle: { color: COLORS[2], type: 'dashed' },
                },
              }),
        },
      ],
    },
    240,
    10,
  );
  doc.x = MARGIN;
}

function hotSpots(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  doc.addPage();
  heading(doc, t.sections.hotSpots);
  if (c.hotSpots === null) {
    doc.text(`${t.unavailable}: complaints`);
    return;
  }
  const categories = [...c.hotSpots.categories].reverse();
  if (categories.length > 0) {
    const height = 70 + 24 * categories.length;
    drawChart(
      doc,
      {
        title: chartTitle(t.charts.categories),
        legend: { bottom: 0, textStyle: { fontFamily: FONT } },
        grid: { left: 150, right: 20, top: 36, bottom: 40 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: categories.map((h) => h.key) },
        series: [
          { name: t.charts.thisPeriod, type: 'bar', data: categories.map((h) => h.count) },
          { name: t.charts.previousPeriod, type: 'bar', data: categories.map((h) => h.previousCount) },
        ],
      },
      height,
      10,
    );
  }
  const row = (name: string, h: HotSpotV1) => [name, String(h.count), String(h.previousCount)];
  table(
    doc,
    [
      [t.columns.key, 0.5],
      [t.columns.count, 0.25],
      [t.columns.previousCount, 0.25],
    ],
    [
      ...c.hotSpots.categories.map((h) => row(h.key, h)),
      ...c.hotSpots.stores.map((h) => row(`${t.store} ${h.key}`, h)),
    ],
    t.none,
  );
}

function alerts(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  heading(doc, t.sections.alerts);
  table(
    doc,
    [
      [t.columns.source, 0.15],
      [t.columns.metric, 0.25],
      [t.columns.scope, 0.15],
      [t.columns.value, 0.12],
      [t.columns.target, 0.12],
      [t.columns.raisedAt, 0.21],
    ],
    c.alerts.map((a) => [
      t.departments[a.source],
      a.metric,
      a.scope,
      a.value <= 1 ? pct(a.value) : a.value.toFixed(1),
      a.threshold <= 1 ? pct(a.threshold) : a.threshold.toFixed(1),
      day(a.raisedAt, c.timeZone),
    ]),
    t.none,
  );
}

function actions(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  heading(doc, t.sections.correctiveActions);
  table(
    doc,
    [
      [t.columns.source, 0.13],
      [t.columns.title, 0.37],
      [t.columns.department, 0.14],
      [t.columns.owner, 0.12],
      [t.columns.due, 0.13],
      [t.columns.status, 0.11],
    ],
    c.correctiveActions.map((a) => [
      t.departments[a.source],
      a.title,
      a.department ?? '—',
      a.ownerId,
      day(a.dueAt, c.timeZone),
      a.status,
    ]),
    t.none,
  );
}

function measures(doc: PDFKit.PDFDocument, c: CxReportContent, t: ReportTexts): void {
  heading(doc, t.sections.measures);
  table(
    doc,
    [
      [t.columns.department, 0.12],
      [t.columns.goal, 0.24],
      [t.columns.owner, 0.1],
      [t.columns.due, 0.11],
      [t.columns.kpi, 0.15],
      [t.columns.before, 0.09],
      [t.columns.after, 0.09],
      [t.columns.trend, 0.1],
    ],
    c.measures.map((m) => [
      t.departments[m.department],
      `${m.goal} (${m.status})`,
      m.ownerId,
      m.dueDate,
      t.figures[m.kpi],
      pct(m.before),
      pct(m.after),
      m.moved ? t.trend[m.moved] : '—',
    ]),
    t.none,
  );
}

// The company CX scorecard (training's GET /admin/company-scorecard): every target beside its figure,
// misses marked, the trend against the previous period and over the last six months, per store and per
// region, and a drill-down from a store to its employees' monthly scorecards.
import { Card, Col, Row, Space, Table, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, useFilters } from '../filters';
import { Translate, useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, LoadError, Mark, monthBefore, number, percent, StatusTag } from './common';

type ScorecardAnswer = Answer<'training', '/api/v1/admin/company-scorecard'>;
type Figure = ScorecardAnswer['figures'][number];
type FigureName = Figure['figure'];
type EmployeeCard = Answer<'training', '/api/v1/admin/scorecards/{month}/employees'>[number];

const TREND_MONTHS = 6;
const label = (t: Translate, figure: FigureName) => t(`figure.${figure}`);
const targetText = (f: Pick<Figure, 'target'>) =>
  f.target ? `${f.target.operator} ${percent(f.target.value)}` : '—';
const misses = (value: number | null, target: Figure['target']) =>
  value === null || !target ? null : target.operator === '>=' ? value < target.value : value > target.value;

/** A store's region: the city code its id starts with (SH-001 → SH); the platform keeps no regions. */
const regionOf = (storeId: string) => storeId.split('-')[0] ?? storeId;

/** The first day of each of the `count` months up to the month of `to`'s last day, and the end. */
function monthStarts(to: string, count: number): string[] {
  const [y, m] = monthBefore(to).split('-').map(Number);
  return Array.from({ length: count + 1 }, (_, i) =>
    new Date(Date.UTC(y, m - 1 - count + 1 + i, 1)).toISOString().slice(0, 10),
  );
}

/** A region's figures from its stores' numerators and denominators (a share of sums, not a mean of shares). */
function regionFigures(stores: ScorecardAnswer[]): Figure[] {
  const first = stores[0];
  if (!first) return [];
  return first.figures.map((f) => {
    const same = stores
      .map((s) => s.figures.find((g) => g.figure === f.figure))
      .filter((g) => g !== undefined);
    const numerator = same.reduce((sum, g) => sum + g.numerator, 0);
    const denominator = same.reduce((sum, g) => sum + g.denominator, 0);
    const value = denominator > 0 ? numerator / denominator : null;
    return {
      ...f,
      numerator,
      denominator,
      value,
      previous: null,
      trend: null,
      missed: misses(value, f.target),
    };
  });
}

function FigureCell({ figure }: { figure?: Figure }) {
  if (!figure) return <>—</>;
  return (
    <span
      style={{ color: figure.missed ? '#b42318' : undefined, fontWeight: figure.missed ? 600 : undefined }}
    >
      {percent(figure.value)}
      {figure.missed && ' ✗'}
    </span>
  );
}

function Employees({ storeId, month }: { storeId: string; month: string }) {
  const { t } = useI18n();
  const cards = useLoad(
    () =>
      getJson('training', '/api/v1/admin/scorecards/{month}/employees', {
        path: { month },
        query: { storeId },
      }),
    [storeId, month],
  );
  return (
    <>
      <LoadError error={cards.error} />
      <Table<EmployeeCard>
        size="small"
        rowKey="subjectId"
        loading={cards.loading}
        dataSource={cards.data ?? []}
        pagination={false}
        caption={t('scorecard.employeesOf', { store: storeId, month })}
        columns={[
          { title: t('scorecard.employee'), dataIndex: 'subjectId' },
          { title: t('scorecard.score'), dataIndex: 'score', render: (s: number | null) => number(s, 1) },
          { title: t('scorecard.rankInStore'), dataIndex: 'rankInStore' },
          { title: t('scorecard.rankOverall'), dataIndex: 'rankOverall' },
          {
            title: t('scorecard.clearsMinimums'),
            dataIndex: 'clearsMinimums',
            render: (ok: boolean) => (ok ? t('common.yes') : t('common.no')),
          },
        ]}
      />
    </>
  );
}

export default function Scorecard() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const { from, to, storeId } = filters;
  const month = monthBefore(to);

  const current = useLoad(
    () => getJson('training', '/api/v1/admin/company-scorecard', { query: { from, to, storeId } }),
    [from, to, storeId],
  );
  const storeCards = useLoad(
    () => getJson('training', '/api/v1/admin/scorecards/{month}/stores', { path: { month } }),
    [month],
  );
  const stores = (storeCards.data ?? []).map((c) => c.subjectId).sort();
  // The trend and the per-store figures ask training for many more scorecards: they start once the
  // page's first figures are in, so those do not queue behind them (the first chart comes first).
  const first = current.data !== undefined && !current.loading;
  const trend = useLoad(async () => {
    if (!first) return undefined;
    const starts = monthStarts(to, TREND_MONTHS);
    const periods = starts.slice(0, -1).map((start, i) => ({ from: start, to: starts[i + 1] }));
    return Promise.all(
      periods.map(async (p) => ({
        month: p.from.slice(0, 7),
        card: await getJson('training', '/api/v1/admin/company-scorecard', { query: { ...p, storeId } }),
      })),
    );
  }, [to, storeId, first]);
  const perStore = useLoad(
    async () =>
      !first
        ? undefined
        : Promise.all(
            stores.map(async (id) => ({
              storeId: id,
              card: await getJson('training', '/api/v1/admin/company-scorecard', {
                query: { from, to, storeId: id },
              }),
            })),
          ),
    [from, to, stores.join(','), first],
  );

  const figures = current.data?.figures ?? [];
  const names = figures.map((f) => f.figure);
  const byRegion = new Map<string, ScorecardAnswer[]>();
  for (const s of perStore.data ?? []) {
    const region = regionOf(s.storeId);
    byRegion.set(region, [...(byRegion.get(region) ?? []), s.card]);
  }
  const regions = [...byRegion].map(([region, cards]) => ({ region, figures: regionFigures(cards) }));
  const figureColumns = names.map((name) => ({
    key: name,
    title: label(t, name),
    render: (_: unknown, row: { figures: Figure[] }) => (
      <FigureCell figure={row.figures.find((f) => f.figure === name)} />
    ),
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.scorecard')}
      </Typography.Title>
      <FilterBar filters={filters} onChange={setFilters} stores={stores} />
      <LoadError error={current.error ?? trend.error ?? perStore.error ?? storeCards.error} />
      {current.data && current.data.unavailable.length > 0 && (
        <Mark tone="bad">
          {t('scorecard.unavailable', {
            services: current.data.unavailable.map((u) => u.service).join(', '),
          })}
        </Mark>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!current.data}
            title={t('scorecard.againstTargets', { missed: current.data?.missed ?? 0 })}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 16, bottom: 96 },
              xAxis: { type: 'category', data: names.map((n) => label(t, n)), axisLabel: { rotate: 40 } },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: [
                {
                  name: t('scorecard.figure'),
                  type: 'bar',
                  data: figures.map((f) => ({
                    value: f.value === null ? null : +(f.value * 100).toFixed(2),
                    itemStyle: { color: f.missed ? '#d92d20' : '#1570ef' },
                  })),
                },
                {
                  name: t('scorecard.target'),
                  type: 'line',
                  lineStyle: { opacity: 0 },
                  symbol: 'diamond',
                  symbolSize: 12,
                  data: figures.map((f) => (f.target ? +(f.target.value * 100).toFixed(2) : null)),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!trend.data}
            title={t('scorecard.trend', { months: TREND_MONTHS })}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { type: 'scroll' },
              grid: { left: 48, right: 16, top: 48 },
              xAxis: { type: 'category', data: (trend.data ?? []).map((p) => p.month) },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: names.map((name) => ({
                name: label(t, name),
                type: 'line',
                data: (trend.data ?? []).map((p) => {
                  const value = p.card.figures.find((f) => f.figure === name)?.value;
                  return value === null || value === undefined ? null : +(value * 100).toFixed(2);
                }),
              })),
            }}
          />
        </Col>
      </Row>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('scorecard.figures')}</h2>}>
        <Table<Figure>
          size="small"
          rowKey="figure"
          loading={current.loading}
          dataSource={figures}
          pagination={false}
          rowClassName={(f) => (f.missed ? 'missed' : '')}
          columns={[
            { title: t('scorecard.figure'), dataIndex: 'figure', render: (n: FigureName) => label(t, n) },
            { title: t('scorecard.value'), key: 'value', render: (_, f) => <FigureCell figure={f} /> },
            { title: t('scorecard.target'), key: 'target', render: (_, f) => targetText(f) },
            {
              title: t('scorecard.previous'),
              dataIndex: 'previous',
              render: (v: number | null) => percent(v),
            },
            {
              title: t('scorecard.trendColumn'),
              dataIndex: 'trend',
              render: (trendOf: Figure['trend']) =>
                trendOf ? (
                  <Mark tone={trendOf === 'better' ? 'good' : trendOf === 'worse' ? 'bad' : 'neutral'}>
                    {t(`trend.${trendOf}`)}
                  </Mark>
                ) : (
                  '—'
                ),
            },
            {
              title: t('scorecard.basis'),
              key: 'basis',
              render: (_, f) => `${number(f.numerator)} / ${number(f.denominator)}`,
            },
            { title: t('scorecard.owner'), dataIndex: 'owner' },
            {
              title: t('scorecard.status'),
              dataIndex: 'missed',
              render: (m: boolean | null) => (m === null ? '—' : <StatusTag missed={m} />),
            },
          ]}
        />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('scorecard.perStore')}</h2>}>
        <Table<{ storeId: string; card: ScorecardAnswer }>
          size="small"
          rowKey="storeId"
          loading={perStore.loading}
          dataSource={perStore.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          expandable={{ expandedRowRender: (s) => <Employees storeId={s.storeId} month={month} /> }}
          columns={[
            { title: t('scorecard.store'), dataIndex: 'storeId', fixed: 'left' },
            { title: t('scorecard.region'), key: 'region', render: (_, s) => regionOf(s.storeId) },
            {
              title: t('scorecard.missedCount'),
              key: 'missed',
              render: (_, s) => s.card.missed,
            },
            ...figureColumns.map((c) => ({
              ...c,
              render: (_: unknown, s: { card: ScorecardAnswer }) => c.render(_, s.card),
            })),
          ]}
        />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('scorecard.perRegion')}</h2>}>
        <Table<{ region: string; figures: Figure[] }>
          size="small"
          rowKey="region"
          loading={perStore.loading}
          dataSource={regions}
          pagination={false}
          scroll={{ x: true }}
          columns={[{ title: t('scorecard.region'), dataIndex: 'region', fixed: 'left' }, ...figureColumns]}
        />
      </Card>
    </Space>
  );
}

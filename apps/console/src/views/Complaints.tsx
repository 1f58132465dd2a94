// Complaints (the complaints service's admin analytics): KPIs against their targets, hot spots against
// the previous period, complaints per week, the queues, open early-warning alerts and incidents, and the
// CSV export of the period's complaints.
import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, periodQuery, useFilters } from '../filters';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, CsvButton, Kpi, LoadError, number, percent } from './common';

type Kpis = Answer<'complaints', '/api/v1/admin/analytics/kpis'>;
type RateKpi = Kpis['complaintRate'];
type HotSpot = Answer<'complaints', '/api/v1/admin/analytics/hot-spots'>['categories'][number];
type Alert = Answer<'complaints', '/api/v1/admin/alerts'>[number];
type Incident = Answer<'complaints', '/api/v1/incidents'>['items'][number];

const rateTarget = (k: RateKpi) => (k.target ? `${k.target.operator} ${percent(k.target.value)}` : undefined);

function hotSpotOption(title: string, spots: HotSpot[], now: string, before: string) {
  return {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 120, right: 16 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: spots.map((s) => s.key).reverse(), name: title },
    series: [
      { name: now, type: 'bar', data: spots.map((s) => s.count).reverse() },
      { name: before, type: 'bar', data: spots.map((s) => s.previousCount).reverse() },
    ],
  };
}

export default function Complaints() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const query = periodQuery(filters);
  const deps = [filters.from, filters.to, filters.storeId];

  const kpis = useLoad(() => getJson('complaints', '/api/v1/admin/analytics/kpis', { query }), deps);
  const hot = useLoad(
    () => getJson('complaints', '/api/v1/admin/analytics/hot-spots', { query: { ...query, top: 8 } }),
    deps,
  );
  const weekly = useLoad(
    () =>
      getJson('complaints', '/api/v1/admin/analytics/counts', {
        query: { ...query, groupBy: 'week', limit: 60 },
      }),
    deps,
  );
  const storeList = useLoad(
    () =>
      getJson('complaints', '/api/v1/admin/analytics/counts', {
        query: { from: filters.from, to: filters.to, groupBy: 'store', limit: 200 },
      }),
    [filters.from, filters.to],
  );
  const queues = useLoad(
    () => getJson('complaints', '/api/v1/work-queue/counts', { query: { storeId: filters.storeId } }),
    [filters.storeId],
  );
  const alerts = useLoad(
    () => getJson('complaints', '/api/v1/admin/alerts', { query: { status: 'open', limit: 50 } }),
    [],
  );
  const incidents = useLoad(
    () => getJson('complaints', '/api/v1/incidents', { query: { status: 'open', limit: 50 } }),
    [],
  );

  const k = kpis.data;
  const stores = (storeList.data?.groups ?? []).flatMap((g) => (g.key ? [g.key] : [])).sort();
  const openAlerts = (alerts.data ?? []).filter(
    (a) => !filters.storeId || a.scope !== 'store' || a.key === filters.storeId,
  );
  const rateKpis: [string, RateKpi][] = k
    ? [
        [t('complaints.complaintRate'), k.complaintRate],
        [t('complaints.resolutionRate'), k.resolutionRate],
        [t('complaints.firstResponseSla'), k.firstResponseSla],
        [t('complaints.resolutionSla'), k.resolutionSla],
        [t('complaints.repeatRate'), k.repeatRate],
        [t('complaints.satisfaction'), k.satisfaction],
      ]
    : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.complaints')}
      </Typography.Title>
      <Space wrap>
        <FilterBar filters={filters} onChange={setFilters} stores={stores} />
        <CsvButton
          service="complaints"
          path="/api/v1/admin/complaints/export.csv"
          parts={{ query }}
          fileName={`complaints-${filters.from}-${filters.to}.csv`}
        />
      </Space>
      <LoadError
        error={kpis.error ?? hot.error ?? weekly.error ?? queues.error ?? alerts.error ?? incidents.error}
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic title={t('complaints.received')} value={k?.received ?? '—'} />
            <div>{t('complaints.orders', { orders: number(k?.orders) })}</div>
          </Card>
        </Col>
        {rateKpis.map(([title, kpi]) => (
          <Col xs={12} md={6} xl={3} key={title}>
            <Kpi
              title={title}
              value={percent(kpi.rate)}
              target={rateTarget(kpi)}
              missed={kpi.meetsTarget === null ? null : !kpi.meetsTarget}
            />
          </Col>
        ))}
        {k &&
          (
            [
              [t('complaints.firstResponseTime'), k.firstResponseTime],
              [t('complaints.resolutionTime'), k.resolutionTime],
            ] as const
          ).map(([title, d]) => (
            <Col xs={12} md={6} xl={3} key={title}>
              <Kpi
                title={title}
                value={d.p90Hours === null ? '—' : t('complaints.hours', { hours: number(d.p90Hours, 1) })}
                target={`${d.target.operator} ${t('complaints.hours', { hours: d.target.value })}`}
                missed={d.meetsTarget === null ? null : !d.meetsTarget}
              />
            </Col>
          ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!weekly.data}
            title={t('complaints.perWeek')}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 48, right: 16 },
              xAxis: { type: 'category', data: (weekly.data?.groups ?? []).map((g) => g.key ?? '') },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                {
                  name: t('complaints.received'),
                  type: 'line',
                  areaStyle: {},
                  data: (weekly.data?.groups ?? []).map((g) => g.count),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!hot.data}
            title={t('complaints.hotCategories')}
            option={hotSpotOption(
              t('complaints.category'),
              hot.data?.categories ?? [],
              t('complaints.thisPeriod'),
              t('complaints.previousPeriod'),
            )}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!hot.data}
            title={t('complaints.hotStores')}
            option={hotSpotOption(
              t('filter.store'),
              hot.data?.stores ?? [],
              t('complaints.thisPeriod'),
              t('complaints.previousPeriod'),
            )}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('complaints.queues')}</h2>}>
            <Row gutter={16}>
              {(['waiting', 'overdue', 'escalated'] as const).map((key) => (
                <Col span={8} key={key}>
                  <Statistic title={t(`complaints.queue.${key}`)} value={queues.data?.[key] ?? '—'} />
                </Col>
              ))}
            </Row>
            <Table<HotSpot>
              size="small"
              rowKey="key"
              style={{ marginTop: 16 }}
              pagination={false}
              dataSource={hot.data?.products ?? []}
              caption={t('complaints.hotProducts')}
              columns={[
                { title: t('complaints.product'), dataIndex: 'key' },
                { title: t('complaints.thisPeriod'), dataIndex: 'count' },
                { title: t('complaints.previousPeriod'), dataIndex: 'previousCount' },
                {
                  title: t('complaints.change'),
                  dataIndex: 'changePercent',
                  render: (c: number | null) => (c === null ? '—' : `${c > 0 ? '+' : ''}${c.toFixed(0)}%`),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('complaints.openAlerts')}</h2>}>
        <Table<Alert>
          size="small"
          rowKey="id"
          loading={alerts.loading}
          dataSource={openAlerts}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('complaints.metric'), dataIndex: 'metric' },
            { title: t('complaints.scope'), key: 'scope', render: (_, a) => `${a.scope}: ${a.key}` },
            { title: t('scorecard.value'), dataIndex: 'value', render: (v: number) => percent(v) },
            {
              title: t('scorecard.target'),
              key: 'target',
              render: (_, a) => `${a.operator} ${percent(a.target)}`,
            },
            { title: t('complaints.cases'), dataIndex: 'cases' },
            {
              title: t('complaints.raisedAt'),
              dataIndex: 'raisedAt',
              render: (d: string) => d.slice(0, 16).replace('T', ' '),
            },
          ]}
        />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('complaints.openIncidents')}</h2>}>
        <Table<Incident>
          size="small"
          rowKey="id"
          loading={incidents.loading}
          dataSource={incidents.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('complaints.reference'), dataIndex: 'reference' },
            { title: t('complaints.title'), dataIndex: 'title' },
            { title: t('filter.store'), dataIndex: 'storeId', render: (s: string | null) => s ?? '—' },
            { title: t('complaints.source'), dataIndex: 'source', render: (s: string) => <Tag>{s}</Tag> },
            {
              title: t('complaints.createdAt'),
              dataIndex: 'createdAt',
              render: (d: string) => d.slice(0, 10),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

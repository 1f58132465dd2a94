// Customers (crm's admin analytics): members per tier, tier movement per month, the repurchase rate
// against its target (last year's rate), points issued and redeemed and the liability outstanding, and
// the customer segments. CRM's analytics have no store dimension: the page filters by period only.
import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, useFilters } from '../filters';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, CsvButton, Kpi, LoadError, number, percent } from './common';

type Segment = Answer<'crm', '/api/v1/admin/analytics/segments'>['items'][number];

export default function Crm() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const query = { from: filters.from, to: filters.to, period: 'month' as const };
  const deps = [filters.from, filters.to];

  const tiers = useLoad(() => getJson('crm', '/api/v1/admin/analytics/tiers', { query }), deps);
  const repurchase = useLoad(() => getJson('crm', '/api/v1/admin/analytics/repurchase', { query }), deps);
  const points = useLoad(() => getJson('crm', '/api/v1/admin/analytics/points', { query }), deps);
  const segments = useLoad(() => getJson('crm', '/api/v1/admin/analytics/segments'), []);

  const total = repurchase.data?.total;
  const months = (tiers.data?.movement ?? []).map((m) => m.from.slice(0, 7));
  const csv = (
    path:
      | '/api/v1/admin/analytics/tiers.csv'
      | '/api/v1/admin/analytics/repurchase.csv'
      | '/api/v1/admin/analytics/points.csv',
    name: string,
  ) => (
    <CsvButton
      service="crm"
      path={path}
      parts={{ query }}
      fileName={`${name}-${filters.from}-${filters.to}.csv`}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.crm')}
      </Typography.Title>
      <FilterBar filters={filters} onChange={setFilters} withStore={false} />
      <LoadError error={tiers.error ?? repurchase.error ?? points.error ?? segments.error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Kpi
            title={t('crm.repurchaseRate')}
            value={percent(total?.rate)}
            target={total ? `>= ${percent(total.target)}` : undefined}
            missed={total?.met === null || total === undefined ? null : !total.met}
          />
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('crm.buyers')} value={number(total?.buyers)} />
            <div>{t('crm.repeaters', { repeaters: number(total?.repeaters) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('crm.pointsOutstanding')}
              value={number(points.data?.outstanding.available)}
            />
            <div>{t('crm.pointsPending', { pending: number(points.data?.outstanding.pending) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('crm.pointsHolders')} value={number(points.data?.outstanding.customers)} />
            <div>{t('crm.pointsDebt', { debt: number(points.data?.outstanding.debt) })}</div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!tiers.data}
            title={t('crm.membersPerTier')}
            extra={csv('/api/v1/admin/analytics/tiers.csv', 'tiers')}
            option={{
              tooltip: { trigger: 'item' },
              legend: {},
              series: [
                {
                  name: t('crm.membersPerTier'),
                  type: 'pie',
                  radius: ['40%', '70%'],
                  data: (tiers.data?.members ?? []).map((m) => ({ name: m.tier, value: m.members })),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!tiers.data}
            title={t('crm.tierMovement')}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 16 },
              xAxis: { type: 'category', data: months },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                {
                  name: t('crm.upgrades'),
                  type: 'bar',
                  data: (tiers.data?.movement ?? []).map((m) => m.upgrades),
                },
                {
                  name: t('crm.downgrades'),
                  type: 'bar',
                  data: (tiers.data?.movement ?? []).map((m) => m.downgrades),
                },
                {
                  name: t('crm.firstAssignments'),
                  type: 'bar',
                  data: (tiers.data?.movement ?? []).map((m) => m.firstAssignments),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!repurchase.data}
            title={t('crm.repurchasePerMonth')}
            extra={csv('/api/v1/admin/analytics/repurchase.csv', 'repurchase')}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 16 },
              xAxis: {
                type: 'category',
                data: (repurchase.data?.periods ?? []).map((p) => p.from.slice(0, 7)),
              },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: [
                {
                  name: t('crm.repurchaseRate'),
                  type: 'line',
                  data: (repurchase.data?.periods ?? []).map((p) =>
                    p.rate === null ? null : +(p.rate * 100).toFixed(2),
                  ),
                },
                {
                  name: t('crm.lastYear'),
                  type: 'line',
                  lineStyle: { type: 'dashed' },
                  data: (repurchase.data?.periods ?? []).map((p) =>
                    p.lastYear.rate === null ? null : +(p.lastYear.rate * 100).toFixed(2),
                  ),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!points.data}
            title={t('crm.pointsFlow')}
            extra={csv('/api/v1/admin/analytics/points.csv', 'points')}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 64, right: 16 },
              xAxis: { type: 'category', data: (points.data?.periods ?? []).map((p) => p.from.slice(0, 7)) },
              yAxis: { type: 'value' },
              series: (['issued', 'redeemed', 'expired', 'reversed'] as const).map((key) => ({
                name: t(`crm.points.${key}`),
                type: 'bar',
                data: (points.data?.periods ?? []).map((p) => p[key]),
              })),
            }}
          />
        </Col>
      </Row>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('crm.segments')}</h2>}>
        <Table<Segment>
          size="small"
          rowKey="code"
          loading={segments.loading}
          dataSource={segments.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('crm.segment'), dataIndex: 'code' },
            { title: t('crm.basis'), dataIndex: 'basis' },
            { title: t('crm.members'), dataIndex: 'members', render: (n: number) => number(n) },
            { title: t('crm.description'), dataIndex: 'description' },
          ]}
        />
      </Card>
    </Space>
  );
}

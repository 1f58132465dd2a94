// After-sales (aftersales' admin analytics): returns by reason, category and store, repair turnaround and
// warranty cost, resolution rates and survey satisfaction against their targets, technicians' load, and
// the CSV export of the period's returns.
import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, periodQuery, useFilters } from '../filters';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, CsvButton, Kpi, LoadError, number } from './common';

type OverdueReturn = Answer<'aftersales', '/api/v1/returns'>['items'][number];
type OverdueRepair = Answer<'aftersales', '/api/v1/repairs'>['items'][number];

const pct = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${p.toFixed(1)}%`);
const money = (minor: number | undefined) => (minor === undefined ? '—' : `¥${number(minor / 100, 2)}`);

function countsOption(rows: { key: string; count: number }[], name: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 16 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.key).reverse() },
    series: [{ name, type: 'bar', data: rows.map((r) => r.count).reverse() }],
  };
}

export default function Aftersales() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const query = periodQuery(filters);
  const kpis = useLoad(
    () => getJson('aftersales', '/api/v1/admin/analytics/kpis', { query }),
    [filters.from, filters.to, filters.storeId],
  );
  const all = useLoad(
    () =>
      getJson('aftersales', '/api/v1/admin/analytics/kpis', {
        query: { from: filters.from, to: filters.to },
      }),
    [filters.from, filters.to],
  );
  const overdueReturns = useLoad(
    () =>
      getJson('aftersales', '/api/v1/returns', {
        query: { overdue: true, storeId: filters.storeId, limit: 100 },
      }),
    [filters.storeId],
  );
  const overdueRepairs = useLoad(
    () =>
      getJson('aftersales', '/api/v1/repairs', {
        query: { overdue: true, storeId: filters.storeId, limit: 100 },
      }),
    [filters.storeId],
  );
  const k = kpis.data;
  const stores = (all.data?.returns.byStore ?? []).map((s) => s.key).sort();
  const targetPct = (v: number | undefined, op = '>=') => (v === undefined ? undefined : `${op} ${v}%`);
  const missed = (met: boolean | null | undefined) => (met === null || met === undefined ? null : !met);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.aftersales')}
      </Typography.Title>
      <Space wrap>
        <FilterBar filters={filters} onChange={setFilters} stores={stores} />
        <CsvButton
          service="aftersales"
          path="/api/v1/admin/analytics/returns.csv"
          parts={{ query }}
          fileName={`returns-${filters.from}-${filters.to}.csv`}
        />
      </Space>
      <LoadError error={kpis.error ?? all.error ?? overdueReturns.error ?? overdueRepairs.error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} xl={4}>
          <Kpi
            title={t('aftersales.returnsResolution')}
            value={pct(k?.returns.resolutionRatePct)}
            target={targetPct(k?.targets.resolutionRatePct)}
            missed={missed(k?.targets.returnsResolutionMet)}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Kpi
            title={t('aftersales.repairsResolution')}
            value={pct(k?.repairs.resolutionRatePct)}
            target={targetPct(k?.targets.resolutionRatePct)}
            missed={missed(k?.targets.repairsResolutionMet)}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Kpi
            title={t('aftersales.satisfaction')}
            value={pct(k?.surveySatisfaction.satisfiedPct)}
            target={targetPct(k?.targets.satisfactionPct)}
            missed={missed(k?.targets.satisfactionMet)}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic
              title={t('aftersales.firstResponse24h')}
              value={pct(k?.returns.firstResponseWithin24hPct)}
            />
            <div>{t('aftersales.returnsRequested', { n: number(k?.returns.requested) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic
              title={t('aftersales.turnaround')}
              value={
                k?.repairs.averageTurnaroundHours === null || !k
                  ? '—'
                  : t('complaints.hours', { hours: number(k.repairs.averageTurnaroundHours, 1) })
              }
            />
            <div>{t('aftersales.repairsRequested', { n: number(k?.repairs.requested) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic title={t('aftersales.warrantyCost')} value={money(k?.repairs.warrantyCostMinor)} />
            <div>{t('aftersales.refunded', { amount: money(k?.returns.refundedMinor) })}</div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!k}
            title={t('aftersales.byReason')}
            option={countsOption(k?.returns.byReason ?? [], t('aftersales.returns'))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!k}
            title={t('aftersales.byCategory')}
            option={countsOption(k?.returns.byCategory ?? [], t('aftersales.returns'))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!k}
            title={t('aftersales.byStore')}
            option={countsOption(k?.returns.byStore ?? [], t('aftersales.returns'))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!k}
            title={t('aftersales.technicianLoad')}
            option={countsOption(k?.repairs.technicianLoad ?? [], t('aftersales.repairs'))}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('aftersales.overdueReturns')}</h2>}
          >
            <Table<OverdueReturn>
              size="small"
              rowKey="id"
              loading={overdueReturns.loading}
              dataSource={overdueReturns.data?.items ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('filter.store'), dataIndex: 'storeId' },
                { title: t('aftersales.sku'), dataIndex: 'sku' },
                { title: t('aftersales.reason'), dataIndex: 'reason' },
                { title: t('aftersales.status'), dataIndex: 'status' },
                {
                  title: t('surveys.due'),
                  dataIndex: 'dueAt',
                  render: (d: string | null) => d?.slice(0, 10) ?? '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('aftersales.overdueRepairs')}</h2>}
          >
            <Table<OverdueRepair>
              size="small"
              rowKey="id"
              loading={overdueRepairs.loading}
              dataSource={overdueRepairs.data?.items ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('filter.store'), dataIndex: 'storeId' },
                { title: t('aftersales.sku'), dataIndex: 'sku' },
                { title: t('aftersales.status'), dataIndex: 'status' },
                {
                  title: t('aftersales.technician'),
                  dataIndex: 'technicianId',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('surveys.due'),
                  dataIndex: 'dueAt',
                  render: (d: string | null) => d?.slice(0, 10) ?? '—',
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

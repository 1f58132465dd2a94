// Surveys and audits (surveys' admin analytics): satisfaction, CSAT and NPS per month with the response
// rate, scores per store, mystery-shopper audit pass rates against the 95 % target, and the open
// corrective actions; CSV exports of the scores and the trends.
import { Card, Col, Row, Space, Table, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, periodQuery, useFilters } from '../filters';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, CsvButton, Kpi, LoadError, number, percent, StatusTag } from './common';

type Action = Answer<'surveys', '/api/v1/admin/audits/corrective-actions'>[number];
type PassRate = Answer<'surveys', '/api/v1/admin/audits/pass-rates'>[number];
const SATISFACTION_TARGET = 0.9; // the scores' documented target (ScoreGroupView.satisfaction)

export default function Surveys() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const query = periodQuery(filters);
  const deps = [filters.from, filters.to, filters.storeId];

  const overall = useLoad(
    () => getJson('surveys', '/api/v1/admin/scores', { query: { ...query, groupBy: 'all' } }),
    deps,
  );
  const byStore = useLoad(
    () =>
      getJson('surveys', '/api/v1/admin/scores', {
        query: { from: filters.from, to: filters.to, groupBy: 'store' },
      }),
    [filters.from, filters.to],
  );
  const trends = useLoad(
    () => getJson('surveys', '/api/v1/admin/scores/trends', { query: { ...query, interval: 'month' } }),
    deps,
  );
  const passRates = useLoad(
    () =>
      getJson('surveys', '/api/v1/admin/audits/pass-rates', {
        query: { from: filters.from, to: filters.to },
      }),
    [filters.from, filters.to],
  );
  const actions = useLoad(() => getJson('surveys', '/api/v1/admin/audits/corrective-actions'), []);

  const all = overall.data?.groups[0];
  const stores = (byStore.data?.groups ?? []).map((g) => g.key).sort();
  const periods = trends.data?.periods ?? [];
  const rates = (passRates.data ?? []).filter((r) => !filters.storeId || r.storeId === filters.storeId);
  const open = (actions.data ?? []).filter((a) => !filters.storeId || a.storeId === filters.storeId);
  const scoreParts = { query: { ...query, groupBy: 'store' as const } };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.surveys')}
      </Typography.Title>
      <Space wrap>
        <FilterBar filters={filters} onChange={setFilters} stores={stores} />
        <CsvButton
          service="surveys"
          path="/api/v1/admin/scores/scores.csv"
          parts={scoreParts}
          fileName={`scores-${filters.from}-${filters.to}.csv`}
        />
      </Space>
      <LoadError error={overall.error ?? byStore.error ?? trends.error ?? passRates.error ?? actions.error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Kpi
            title={t('surveys.satisfaction')}
            value={percent(all?.satisfaction)}
            target={`>= ${percent(SATISFACTION_TARGET, 0)}`}
            missed={
              all?.satisfaction === null || all === undefined ? null : all.satisfaction < SATISFACTION_TARGET
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <Kpi title={t('surveys.csat')} value={percent(all?.csat.score)} />
        </Col>
        <Col xs={12} md={6}>
          <Kpi
            title={t('surveys.nps')}
            value={all?.nps.score === null || !all ? '—' : number(all.nps.score, 1)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Kpi
            title={t('surveys.responseRate')}
            value={percent(all?.responseRate)}
            target={t('surveys.responses', { n: number(all?.responses) })}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!trends.data}
            title={t('surveys.trends')}
            extra={
              <CsvButton
                service="surveys"
                path="/api/v1/admin/scores/trends.csv"
                parts={{ query: { ...query, interval: 'month' } }}
                fileName={`trends-${filters.from}-${filters.to}.csv`}
              />
            }
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 48 },
              xAxis: { type: 'category', data: periods.map((p) => p.from.slice(0, 7)) },
              yAxis: [
                { type: 'value', axisLabel: { formatter: '{value}%' }, max: 100 },
                { type: 'value', name: 'NPS', min: -100, max: 100 },
              ],
              series: [
                {
                  name: t('surveys.satisfaction'),
                  type: 'line',
                  data: periods.map((p) =>
                    p.satisfaction === null ? null : +(p.satisfaction * 100).toFixed(1),
                  ),
                },
                {
                  name: t('surveys.csat'),
                  type: 'line',
                  data: periods.map((p) => (p.csat.score === null ? null : +(p.csat.score * 100).toFixed(1))),
                },
                {
                  name: t('surveys.responseRate'),
                  type: 'line',
                  data: periods.map((p) =>
                    p.responseRate === null ? null : +(p.responseRate * 100).toFixed(1),
                  ),
                },
                { name: t('surveys.nps'), type: 'bar', yAxisIndex: 1, data: periods.map((p) => p.nps.score) },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!byStore.data}
            title={t('surveys.perStore')}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 16 },
              xAxis: { type: 'category', data: stores },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: 100 },
              series: [
                {
                  name: t('surveys.satisfaction'),
                  type: 'bar',
                  data: (byStore.data?.groups ?? [])
                    .slice()
                    .sort((a, b) => a.key.localeCompare(b.key))
                    .map((g) => (g.satisfaction === null ? null : +(g.satisfaction * 100).toFixed(1))),
                  markLine: {
                    symbol: 'none',
                    data: [{ yAxis: SATISFACTION_TARGET * 100, name: t('scorecard.target') }],
                  },
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!passRates.data}
            title={t('surveys.auditPassRates')}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 48, right: 16 },
              xAxis: { type: 'category', data: rates.map((r) => r.storeId) },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: 100 },
              series: [
                {
                  name: t('surveys.passRate'),
                  type: 'bar',
                  data: rates.map((r) => ({
                    value: r.rate === null ? null : +(r.rate * 100).toFixed(1),
                    itemStyle: { color: r.meetsTarget === false ? '#d92d20' : '#1570ef' },
                  })),
                  markLine: { symbol: 'none', data: [{ yAxis: 95, name: t('scorecard.target') }] },
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('surveys.audits')}</h2>}>
            <Table<PassRate>
              size="small"
              rowKey="storeId"
              pagination={false}
              dataSource={rates}
              columns={[
                { title: t('filter.store'), dataIndex: 'storeId' },
                { title: t('surveys.audited'), dataIndex: 'audits' },
                { title: t('surveys.passed'), dataIndex: 'passed' },
                { title: t('surveys.passRate'), dataIndex: 'rate', render: (r: number | null) => percent(r) },
                {
                  title: t('scorecard.status'),
                  dataIndex: 'meetsTarget',
                  render: (m: boolean | null) => (m === null ? '—' : <StatusTag missed={!m} />),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('surveys.correctiveActions')}</h2>}
      >
        <Table<Action>
          size="small"
          rowKey="id"
          loading={actions.loading}
          dataSource={open}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('filter.store'), dataIndex: 'storeId' },
            { title: t('surveys.item'), dataIndex: 'itemKey' },
            { title: t('surveys.kind'), dataIndex: 'kind' },
            { title: t('surveys.description'), dataIndex: 'description' },
            { title: t('surveys.owner'), dataIndex: 'ownerId' },
            {
              title: t('surveys.due'),
              dataIndex: 'dueAt',
              render: (d: string) => (
                <span style={{ color: new Date(d) < new Date() ? '#b42318' : undefined }}>
                  {d.slice(0, 10)}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

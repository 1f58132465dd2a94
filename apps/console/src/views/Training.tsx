// Training (training's admin analytics): coverage of staff due in the period against the 100 % target,
// per store and department, staff overdue, enrolments and pass rates per month, the month's leaderboard
// and the awards; CSV exports of the training figures and the leaderboard.
import { Card, Col, Row, Space, Table, Typography } from 'antd';
import { Answer, getJson } from '../api/client';
import { FilterBar, periodQuery, useFilters } from '../filters';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ChartCard, CsvButton, Kpi, LoadError, monthBefore, number, percent } from './common';

type Overdue = Answer<'training', '/api/v1/admin/coverage/overdue'>[number];
type Award = Answer<'training', '/api/v1/admin/scorecards/awards'>[number];
type Card_ = Answer<'training', '/api/v1/admin/scorecards/{month}/employees'>[number];

export default function Training() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const query = periodQuery(filters);
  const month = monthBefore(filters.to);
  const year = Number(month.slice(0, 4));

  const coverage = useLoad(
    () => getJson('training', '/api/v1/admin/coverage', { query }),
    [filters.from, filters.to, filters.storeId],
  );
  const storeList = useLoad(
    () => getJson('training', '/api/v1/admin/coverage', { query: { from: filters.from, to: filters.to } }),
    [filters.from, filters.to],
  );
  const overdue = useLoad(
    () => getJson('training', '/api/v1/admin/coverage/overdue', { query: { storeId: filters.storeId } }),
    [filters.storeId],
  );
  const analytics = useLoad(
    () => getJson('training', '/api/v1/admin/analytics/training', { query: { year } }),
    [year],
  );
  const leaders = useLoad(
    () =>
      getJson('training', '/api/v1/admin/scorecards/{month}/employees', {
        path: { month },
        query: { storeId: filters.storeId },
      }),
    [month, filters.storeId],
  );
  const awardsFrom = `${year - 1}${month.slice(4)}`; // the twelve months up to the filter's last month
  const awards = useLoad(
    () => getJson('training', '/api/v1/admin/scorecards/awards', { query: { from: awardsFrom, to: month } }),
    [awardsFrom, month],
  );

  const c = coverage.data;
  const stores = (storeList.data?.byStore ?? []).map((s) => s.key).sort();
  const months = analytics.data?.months ?? [];
  const board = (leaders.data ?? [])
    .filter((e) => e.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
    .slice(0, 10);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.training')}
      </Typography.Title>
      <Space wrap>
        <FilterBar filters={filters} onChange={setFilters} stores={stores} />
        <CsvButton
          service="training"
          path="/api/v1/admin/analytics/training.csv"
          parts={{ query: { year } }}
          fileName={`training-${year}.csv`}
        />
        <CsvButton
          service="training"
          path="/api/v1/admin/analytics/leaderboard.csv"
          parts={{ query: { month } }}
          fileName={`leaderboard-${month}.csv`}
        />
      </Space>
      <LoadError
        error={coverage.error ?? overdue.error ?? analytics.error ?? leaders.error ?? awards.error}
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Kpi
            title={t('training.coverage')}
            value={percent(c?.rate)}
            target={c ? `>= ${percent(c.target, 0)}` : undefined}
            missed={c?.meetsTarget === null || !c ? null : !c.meetsTarget}
          />
        </Col>
        <Col xs={12} md={8}>
          <Kpi title={t('training.due')} value={`${number(c?.covered)} / ${number(c?.due)}`} />
        </Col>
        <Col xs={12} md={8}>
          <Kpi title={t('training.overdue')} value={number(overdue.data?.length)} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!c}
            title={t('training.coverageByStore')}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 48, right: 16 },
              xAxis: { type: 'category', data: (c?.byStore ?? []).map((s) => s.key) },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: 100 },
              series: [
                {
                  name: t('training.coverage'),
                  type: 'bar',
                  data: (c?.byStore ?? []).map((s) => ({
                    value: s.rate === null ? null : +(s.rate * 100).toFixed(1),
                    itemStyle: { color: s.meetsTarget === false ? '#d92d20' : '#1570ef' },
                  })),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            loading={!analytics.data}
            title={t('training.perMonth', { year })}
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              grid: { left: 48, right: 48 },
              xAxis: { type: 'category', data: months.map((m) => m.month) },
              yAxis: [
                { type: 'value', minInterval: 1 },
                { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
              ],
              series: [
                { name: t('training.enrolled'), type: 'bar', data: months.map((m) => m.enrolled) },
                { name: t('training.completed'), type: 'bar', data: months.map((m) => m.completed) },
                {
                  name: t('training.passRate'),
                  type: 'line',
                  yAxisIndex: 1,
                  data: months.map((m) => m.passRatePct),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('training.leaderboard', { month })}</h2>}
          >
            <Table<Card_>
              size="small"
              rowKey="subjectId"
              loading={leaders.loading}
              dataSource={board}
              pagination={false}
              columns={[
                { title: t('scorecard.employee'), dataIndex: 'subjectId' },
                { title: t('filter.store'), dataIndex: 'storeId' },
                {
                  title: t('scorecard.score'),
                  dataIndex: 'score',
                  render: (s: number | null) => number(s, 1),
                },
                { title: t('scorecard.rankOverall'), dataIndex: 'rankOverall' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <h2 style={{ fontSize: 16, margin: 0 }}>
                {t('training.awards', { from: awardsFrom, to: month })}
              </h2>
            }
          >
            <Table<Award>
              size="small"
              rowKey={(a) => `${a.month}-${a.employeeId}`}
              loading={awards.loading}
              dataSource={awards.data ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('training.month'), dataIndex: 'month' },
                { title: t('scorecard.employee'), dataIndex: 'employeeId' },
                { title: t('filter.store'), dataIndex: 'storeId' },
                { title: t('training.rank'), dataIndex: 'rank' },
                { title: t('scorecard.score'), dataIndex: 'score', render: (s: number) => number(s, 1) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('training.overdueStaff')}</h2>}>
        <Table<Overdue>
          size="small"
          rowKey="employeeId"
          loading={overdue.loading}
          dataSource={overdue.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('scorecard.employee'), dataIndex: 'employeeId' },
            { title: t('filter.store'), dataIndex: 'storeId' },
            { title: t('training.department'), dataIndex: 'department' },
            { title: t('training.hired'), dataIndex: 'hireDate', render: (d: string) => d.slice(0, 10) },
            { title: t('surveys.due'), dataIndex: 'dueAt', render: (d: string) => d.slice(0, 10) },
          ]}
        />
      </Card>
    </Space>
  );
}

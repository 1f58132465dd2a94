// The periodic CX reports (surveys, docs/surveys/reports.md): the list with each PDF, a form that makes one
// now (the CX lead and admins), and on a chosen report the departments' improvement measures, with a form
// for a lead to answer for their own department and the status moves. The period, store and chosen report
// are kept in the URL. Forms follow the authorization matrix and the own-department rule; the services
// still enforce both (403 NOT_YOUR_DEPARTMENT).
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Answer, getJson, PostBody, postJson, Service, SERVICES } from '../api/client';
import { useI18n } from '../i18n';
import { useLoad, usePages } from '../load';
import { Key } from '../messages';
import { mayCall, useSession } from '../pages';
import { DownloadButton, LoadError, Mark } from './common';

type Report = Answer<'surveys', '/api/v1/cx-reports'>['items'][number];
type Measure = Answer<'surveys', '/api/v1/improvement-measures'>['items'][number];
type Status = Measure['status'];
type NewReport = PostBody<'surveys', '/api/v1/cx-reports'>;
type NewMeasure = PostBody<'surveys', '/api/v1/improvement-measures'>;

const PERIODS = ['month', 'quarter'] as const;
/** Reports a page of the list loads; older ones come with "Load more". */
const PAGE_SIZE = 50;
const LANGUAGES = ['zh-CN', 'en'] as const;
const STATUS_TONE = { planned: 'neutral', 'in-progress': 'neutral', done: 'good', dropped: 'bad' } as const;

export default function Reports() {
  const { t } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const period = PERIODS.find((p) => p === params.get('period'));
  const storeId = params.get('store') || undefined;
  const chosen = params.get('report') || undefined;
  const [made, setMade] = useState(0);
  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  const reports = usePages(
    (cursor) =>
      getJson('surveys', '/api/v1/cx-reports', { query: { period, storeId, limit: PAGE_SIZE, cursor } }),
    [period, storeId, made],
  );
  const items = reports.items;
  const stores = [
    ...new Set([...items.map((r) => r.storeId), storeId].filter((s): s is string => !!s)),
  ].sort();
  const mayGenerate = mayCall(session, 'surveys', 'POST /api/v1/cx-reports');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.reports')}
      </Typography.Title>
      <Space wrap data-testid="filters">
        <Select
          aria-label={t('reports.period')}
          style={{ width: 200 }}
          placeholder={t('reports.allPeriods')}
          allowClear
          value={period}
          options={PERIODS.map((p) => ({ value: p, label: t(`reports.period.${p}`) }))}
          onChange={(p?: string) => setParam('period', p)}
        />
        <Select
          aria-label={t('filter.store')}
          style={{ width: 200 }}
          placeholder={t('reports.allScopes')}
          allowClear
          showSearch
          value={storeId}
          options={stores.map((s) => ({ value: s, label: s }))}
          onChange={(s?: string) => setParam('store', s)}
        />
      </Space>
      <LoadError error={reports.error} />
      {mayGenerate && (
        <GenerateForm
          onMade={(report) => {
            setMade((n) => n + 1);
            setParam('report', report.id);
          }}
        />
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.list')}</h2>} size="small">
        <Table<Report>
          size="small"
          rowKey="id"
          loading={reports.loading}
          dataSource={items}
          pagination={false}
          rowClassName={(r) => (r.id === chosen ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('reports.period'),
              render: (_, r) => `${r.label} (${t(`reports.period.${r.period}`)})`,
            },
            { title: t('reports.scope'), render: (_, r) => r.storeId ?? t('reports.company') },
            { title: t('reports.language'), dataIndex: 'language' },
            { title: t('reports.missed'), dataIndex: 'missed' },
            { title: t('reports.madeAt'), render: (_, r) => new Date(r.createdAt).toLocaleString() },
            {
              title: t('reports.actions'),
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setParam('report', r.id)}>
                    {t('reports.open', { label: r.label })}
                  </Button>
                  <PdfButton report={r} />
                </Space>
              ),
            },
          ]}
        />
        {reports.more && (
          <Button style={{ marginTop: 8 }} loading={reports.loadingMore} onClick={reports.more}>
            {t('reports.more')}
          </Button>
        )}
      </Card>
      {chosen && <ReportMeasures reportId={chosen} />}
    </Space>
  );
}

function PdfButton({ report }: { report: Report }) {
  const { t } = useI18n();
  return (
    <DownloadButton
      service="surveys"
      path="/api/v1/cx-reports/{id}/pdf"
      parts={{ path: { id: report.id } }}
      fileName={`cx-report-${report.label}-${report.storeId ?? 'company'}.pdf`}
      accept="application/pdf"
      label={t('reports.pdf')}
    />
  );
}

function GenerateForm({ onMade }: { onMade: (report: Report) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewReport>();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.generate')}</h2>} size="small">
      <Form<NewReport>
        form={form}
        layout="inline"
        initialValues={{ period: 'month', language: 'zh-CN' }}
        onFinish={(values) => {
          setBusy(true);
          const body: NewReport = {
            period: values.period,
            label: values.label || undefined,
            storeId: values.storeId || undefined,
            language: values.language,
          };
          postJson('surveys', '/api/v1/cx-reports', body)
            .then((report) => {
              void message.success(t('reports.made', { label: report.label }));
              onMade(report);
            })
            .catch((e: Error) => message.error(e.message))
            .finally(() => setBusy(false));
        }}
      >
        <Form.Item name="period" label={t('reports.period')} rules={[{ required: true }]}>
          <Select
            style={{ width: 120 }}
            options={PERIODS.map((p) => ({ value: p, label: t(`reports.period.${p}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('reports.label')}
          rules={[{ pattern: /^\d{4}-(\d{2}|Q[1-4])$/, message: t('reports.labelHint') }]}
        >
          <Input placeholder={t('reports.labelHint')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="storeId" label={t('filter.store')}>
          <Input placeholder={t('reports.company')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="language" label={t('reports.language')}>
          <Select style={{ width: 120 }} options={LANGUAGES.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('reports.generateSubmit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Admins answer for any department, a lead for the department of their token (the service's rule). */
function departmentsOf(roles: readonly string[], dept: string | undefined): readonly Service[] {
  if (roles.includes('admin')) return SERVICES;
  return SERVICES.filter((s) => s === dept);
}

function ReportMeasures({ reportId }: { reportId: string }) {
  const { t } = useI18n();
  const session = useSession();
  const { message } = App.useApp();
  const [changed, setChanged] = useState(0);
  const report = useLoad(
    () => getJson('surveys', '/api/v1/cx-reports/{id}', { path: { id: reportId } }),
    [reportId],
  );
  const measures = useLoad(
    () => getJson('surveys', '/api/v1/improvement-measures', { query: { reportId, limit: 100 } }),
    [reportId, changed],
  );
  const departments = departmentsOf(session.roles, session.dept);
  const mayAnswer =
    departments.length > 0 && mayCall(session, 'surveys', 'POST /api/v1/improvement-measures');
  const mayMove = (m: Measure) =>
    departments.includes(m.department) &&
    mayCall(session, 'surveys', 'POST /api/v1/improvement-measures/{id}/status');
  const move = (m: Measure, status: Status) =>
    postJson('surveys', '/api/v1/improvement-measures/{id}/status', { status }, { path: { id: m.id } })
      .then(() => setChanged((n) => n + 1))
      .catch((e: Error) => message.error(e.message));
  const r = report.data;

  return (
    <Card
      data-testid="report"
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {r
            ? t('reports.measuresOf', { label: r.label, scope: r.storeId ?? t('reports.company') })
            : t('reports.measures')}
        </h2>
      }
      size="small"
    >
      <LoadError error={report.error ?? measures.error} />
      <Table<Measure>
        size="small"
        rowKey="id"
        loading={measures.loading}
        dataSource={measures.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('reports.department'), dataIndex: 'department' },
          { title: t('reports.goal'), dataIndex: 'goal' },
          { title: t('reports.owner'), dataIndex: 'ownerId' },
          { title: t('reports.due'), dataIndex: 'dueDate' },
          { title: t('reports.kpi'), render: (_, m) => t(`figure.${m.kpi}` as Key) },
          {
            title: t('reports.status'),
            render: (_, m) => <Mark tone={STATUS_TONE[m.status]}>{t(`reports.status.${m.status}`)}</Mark>,
          },
          {
            title: t('reports.actions'),
            render: (_, m) =>
              mayMove(m) && m.nextStatuses.length > 0 ? (
                <Space>
                  {m.nextStatuses.map((to) => (
                    <Button key={to} size="small" onClick={() => void move(m, to)}>
                      {t('reports.moveTo', { status: t(`reports.status.${to}`) })}
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      {mayAnswer && r && (
        <MeasureForm
          reportId={r.id}
          departments={departments}
          kpis={r.figures.map((f) => f.figure)}
          onAdded={() => setChanged((n) => n + 1)}
        />
      )}
    </Card>
  );
}

interface MeasureValues extends Omit<NewMeasure, 'reportId' | 'dueDate'> {
  dueDate: { format(f: string): string };
}

function MeasureForm({
  reportId,
  departments,
  kpis,
  onAdded,
}: {
  reportId: string;
  departments: readonly Service[];
  kpis: readonly NewMeasure['kpi'][];
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<MeasureValues>();
  return (
    <Form<MeasureValues>
      form={form}
      layout="vertical"
      style={{ marginTop: 16, maxWidth: 640 }}
      aria-label={t('reports.answer')}
      initialValues={{ department: departments[0], status: 'planned' }}
      onFinish={(values) => {
        setBusy(true);
        postJson('surveys', '/api/v1/improvement-measures', {
          reportId,
          department: values.department,
          goal: values.goal,
          ownerId: values.ownerId,
          dueDate: values.dueDate.format('YYYY-MM-DD'),
          kpi: values.kpi,
          status: values.status,
        })
          .then(() => {
            form.resetFields(['goal', 'ownerId', 'dueDate', 'kpi']);
            onAdded();
          })
          .catch((e: Error) => message.error(e.message))
          .finally(() => setBusy(false));
      }}
    >
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('reports.answer')}
      </Typography.Title>
      <Form.Item name="department" label={t('reports.department')} rules={[{ required: true }]}>
        <Select
          options={departments.map((d) => ({ value: d, label: d }))}
          disabled={departments.length === 1}
        />
      </Form.Item>
      <Form.Item name="goal" label={t('reports.goal')} rules={[{ required: true, max: 500 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="ownerId" label={t('reports.owner')} rules={[{ required: true }]}>
        <Input placeholder="E10023" />
      </Form.Item>
      <Form.Item name="dueDate" label={t('reports.due')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="kpi" label={t('reports.kpi')} rules={[{ required: true }]}>
        <Select options={kpis.map((k) => ({ value: k, label: t(`figure.${k}` as Key) }))} />
      </Form.Item>
      <Form.Item name="status" label={t('reports.status')}>
        <Select
          options={(['planned', 'in-progress'] as const).map((s) => ({
            value: s,
            label: t(`reports.status.${s}`),
          }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('reports.addMeasure')}
      </Button>
    </Form>
  );
}

// Small pieces every view uses: number formats, a titled chart card, a CSV button, the error line.
import { Alert, App, Button, Card, Spin, Statistic, Tag } from 'antd';
import { ReactNode, useState } from 'react';
import { download, GetPath, RequestParts, Service } from '../api/client';
import { Chart, ChartOption } from '../Chart';
import { useI18n } from '../i18n';

export const percent = (share: number | null | undefined, digits = 1) =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
export const number = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: digits });
/** The month (YYYY-MM) of the last day of an excluded end date. */
export const monthBefore = (to: string) => {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 7);
};

/** A titled chart; until its data is there (`loading`), a spinner of the same height instead. */
export function ChartCard({
  title,
  option,
  extra,
  loading = false,
}: {
  title: string;
  option: ChartOption;
  extra?: ReactNode;
  loading?: boolean;
}) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} size="small">
      {loading ? (
        <div style={{ height: 320, display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      ) : (
        <Chart option={option} label={title} />
      )}
    </Card>
  );
}

/** A KPI with its target; a miss is marked in red with a tag, a met target in green. */
export function Kpi({
  title,
  value,
  target,
  missed,
}: {
  title: string;
  value: string;
  target?: string;
  missed?: boolean | null;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" data-missed={missed === true ? 'yes' : 'no'}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { color: missed ? '#b42318' : missed === false ? '#067647' : undefined } }}
      />
      {target && (
        <div>
          {t('kpi.target', { target })} <StatusTag missed={missed} />
        </div>
      )}
    </Card>
  );
}

const STATUS_STYLES = {
  bad: { color: '#b42318', background: '#fef3f2', borderColor: '#fecdca' },
  good: { color: '#067647', background: '#ecfdf3', borderColor: '#abefc6' },
  neutral: {},
};

/** A tag in colours with AA contrast (antd's preset green and red tags fall short of 4.5:1). */
export function Mark({ tone, children }: { tone: keyof typeof STATUS_STYLES; children: ReactNode }) {
  return <Tag style={STATUS_STYLES[tone]}>{children}</Tag>;
}

/** `missed` / `met`, or nothing when there is no target or nothing measured. */
export function StatusTag({ missed }: { missed: boolean | null | undefined }) {
  const { t } = useI18n();
  if (missed === null || missed === undefined) return null;
  return <Mark tone={missed ? 'bad' : 'good'}>{t(missed ? 'kpi.missed' : 'kpi.met')}</Mark>;
}

/** Downloads `path` of `service` as `fileName` (the bearer token sent), busy while it comes. */
export function DownloadButton<S extends Service, P extends GetPath<S>>({
  service,
  path,
  parts,
  fileName,
  accept,
  label,
}: {
  service: S;
  path: P;
  parts: RequestParts<S, P>;
  fileName: string;
  accept: 'text/csv' | 'application/pdf';
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      loading={busy}
      onClick={() => {
        setBusy(true);
        download(service, path, parts, fileName, accept)
          .catch((e: Error) => message.error(e.message))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}

export function CsvButton<S extends Service, P extends GetPath<S>>(props: {
  service: S;
  path: P;
  parts: RequestParts<S, P>;
  fileName: string;
}) {
  const { t } = useI18n();
  return <DownloadButton {...props} accept="text/csv" label={t('csv.download')} />;
}

export function LoadError({ error }: { error?: Error }) {
  return error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} /> : null;
}

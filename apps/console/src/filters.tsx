// Date range and store filters kept in the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD&store=SH-001), so a view
// can be bookmarked and shared. `to` is excluded, as the services read it.
import { DatePicker, Select, Space } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from './i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Default range: the last 90 days up to and including today. */
const DEFAULT_DAYS = 90;

export interface Filters {
  from: string;
  to: string;
  storeId?: string;
}

export function useFilters(): [Filters, (next: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const to = params.get('to') ?? '';
    const from = params.get('from') ?? '';
    const end = DAY.test(to) ? to : dayjs().add(1, 'day').format('YYYY-MM-DD');
    return {
      from: DAY.test(from) ? from : dayjs(end).subtract(DEFAULT_DAYS, 'day').format('YYYY-MM-DD'),
      to: end,
      storeId: params.get('store') || undefined,
    };
  }, [params]);
  const update = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams(params);
    search.set('from', merged.from);
    search.set('to', merged.to);
    if (merged.storeId) search.set('store', merged.storeId);
    else search.delete('store');
    setParams(search);
  };
  return [filters, update];
}

/** The query every analytics endpoint takes from the filters. */
export const periodQuery = (f: Filters) => ({ from: f.from, to: f.to, storeId: f.storeId });

export function FilterBar({
  filters,
  onChange,
  stores = [],
  withStore = true,
}: {
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
  stores?: readonly string[];
  withStore?: boolean;
}) {
  const { t } = useI18n();
  // The picker shows the last included day; the URL keeps the excluded end.
  const value: [Dayjs, Dayjs] = [dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')];
  return (
    <Space wrap data-testid="filters">
      <DatePicker.RangePicker
        aria-label={t('filter.period')}
        value={value}
        allowClear={false}
        onChange={(range) => {
          if (!range?.[0] || !range[1]) return;
          onChange({ from: range[0].format('YYYY-MM-DD'), to: range[1].add(1, 'day').format('YYYY-MM-DD') });
        }}
      />
      {withStore && (
        <Select
          aria-label={t('filter.store')}
          style={{ width: 200 }}
          placeholder={t('filter.allStores')}
          allowClear
          showSearch
          value={filters.storeId}
          options={stores.map((s) => ({ value: s, label: s }))}
          onChange={(storeId?: string) => onChange({ storeId: storeId || undefined })}
        />
      )}
    </Space>
  );
}

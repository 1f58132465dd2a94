import { KpiAlertRaisedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { KpiAlertEntity } from './kpi-alert.entity';
import { toKpiAlertView } from './kpi-alert.view';

/** evt.complaints.kpi-alert.raised.v1: a store's or category's KPI fell below the lead's target. */
export function kpiAlertRaised(a: KpiAlertEntity): EventToPublish<KpiAlertRaisedV1> {
  const { id, recoveredAt: _recoveredAt, recoveredValue: _recoveredValue, ...fields } = toKpiAlertView(a);
  return {
    type: Subjects.complaints.kpiAlertRaised,
    aggregateId: id,
    occurredAt: a.raisedAt,
    data: { alertId: id, ...fields },
  };
}

import { ReportDigestReplyV1, ReportDigestRequestV1, Subjects } from '@cx/contracts';
import { OnRequest } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { AnalyticsRepository, ComplaintFilter } from '../analytics/analytics.repository';
import { ReportDigestRepository } from './report-digest.repository';

/** How many open alerts and unverified actions a report lists (the contract's bound). */
const LISTED = 100;

/**
 * Complaints' part of surveys' periodic CX report (docs/surveys/reports.md): the worst categories and
 * stores of the period (the hot spots' query, against the previous period the report names), the KPI
 * alerts still open and the corrective actions not yet verified.
 */
@Controller()
export class ReportDigestHandlers {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly digest: ReportDigestRepository,
  ) {}

  @OnRequest(Subjects.complaints.getReportDigest)
  async answer(req: ReportDigestRequestV1): Promise<ReportDigestReplyV1> {
    const storeId = req.storeId ?? null;
    const current: ComplaintFilter = {
      from: new Date(req.from),
      to: new Date(req.to),
      storeId,
      category: null,
      channel: null,
    };
    const previous: ComplaintFilter = { ...current, from: new Date(req.previousFrom), to: current.from };
    const [categories, stores, alerts, actions] = await Promise.all([
      this.analytics.topWithPrevious('category', current, previous, req.top),
      this.analytics.topWithPrevious('store', current, previous, req.top),
      this.digest.openAlerts(storeId, LISTED),
      this.digest.unverifiedActions(storeId, LISTED),
    ]);
    return {
      categories,
      stores,
      openAlerts: alerts.map((a) => ({
        alertId: a.id,
        metric: a.metric,
        scope: a.scope,
        key: a.key,
        value: a.value,
        target: a.target,
        raisedAt: a.raised_at.toISOString(),
      })),
      correctiveActions: actions.map((a) => ({
        actionId: a.id,
        title: a.title,
        department: a.department,
        ownerId: a.owner_id,
        dueAt: a.due_at.toISOString(),
        status: a.status,
      })),
    };
  }
}

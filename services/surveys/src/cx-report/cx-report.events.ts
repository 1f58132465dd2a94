import { CxReportGeneratedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { CxReportEntity } from './cx-report.entity';

/** evt.surveys.cx-report.generated.v1: a report is stored; its notification rule tells the committee and the leads. */
export function cxReportGenerated(r: CxReportEntity, pdfUrl: string): EventToPublish<CxReportGeneratedV1> {
  return {
    type: Subjects.surveys.cxReportGenerated,
    aggregateId: r.id,
    occurredAt: r.createdAt,
    data: {
      reportId: r.id,
      period: r.period,
      label: r.label,
      from: r.periodFrom.toISOString(),
      to: r.periodTo.toISOString(),
      ...(r.storeId !== null && { storeId: r.storeId }),
      language: r.language,
      missed: r.missed,
      pdfUrl,
      generatedAt: r.createdAt.toISOString(),
    },
  };
}

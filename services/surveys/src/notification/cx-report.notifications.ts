// Who is told of a new CX report (ADR 31, docs/notifications.md): the staff a lead listed in the
// recipient groups `cx-committee` (the CX committee) and `department-leads` (the departments that
// answer it with improvement measures), with the link to its PDF.
import { Subjects } from '@cx/contracts';
import { NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';

const CX_COMMITTEE_GROUP = 'cx-committee';
const DEPARTMENT_LEADS_GROUP = 'department-leads';

const CX_REPORT_READY: NotificationTemplate = {
  name: 'cx-report-ready',
  texts: {
    'zh-CN': {
      subject: '【客户体验报告】{{label}} {{scope}}：{{missed}} 项指标未达标',
      body:
        '{{label}} 的客户体验报告（{{scope}}）已生成，{{missed}} 项指标未达到目标。\n' +
        '报告下载：{{pdfUrl}}\n' +
        '请各部门根据报告提出改进措施（目标、负责人、完成日期、对应指标），在系统中提交。报告编号：{{reportId}}。',
    },
    en: {
      subject: '[CX report] {{label}} {{scope}}: {{missed}} figure(s) missed their target',
      body:
        'The customer experience report for {{label}} ({{scope}}) is ready; {{missed}} figure(s) missed their target.\n' +
        'Download: {{pdfUrl}}\n' +
        'Each department answers with its improvement measures (goal, owner, due date, KPI). Report {{reportId}}.',
    },
  },
};

export const CX_REPORT_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(Subjects.surveys.cxReportGenerated, [CX_REPORT_READY], (r) =>
    [CX_COMMITTEE_GROUP, DEPARTMENT_LEADS_GROUP].map((group) => ({
      to: { group, ...(r.storeId && { storeId: r.storeId }), purpose: 'cx-report' },
      template: CX_REPORT_READY,
      params: {
        label: r.label,
        scope: r.storeId ?? '*',
        missed: r.missed,
        pdfUrl: r.pdfUrl,
        reportId: r.reportId,
      },
      about: { type: 'cx-report', id: r.reportId },
    })),
  ),
];

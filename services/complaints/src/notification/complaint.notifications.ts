// Who complaints tells, and what (ADR 31, docs/notifications.md): the customer of a customer-visible
// update, the escalation level's staff, the owner of a complaint whose deadline is near. The platform
// writes each request in the event's transaction and sends it after the commit; contacts come from
// crm (customers) and training (staff) for the one send.
import { Subjects } from '@cx/contracts';
import { messageTime, metricFigure, NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';
import type { EntityManager } from 'typeorm';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { PolicyRepository } from '../policy/policy.repository';

/** A reply or other update the customer should read (the message is the handler's text for them). */
export const COMPLAINT_REPLY: NotificationTemplate = {
  name: 'complaint-reply',
  texts: {
    'zh-CN': {
      subject: '您的投诉（编号 {{reference}}）有新进展',
      body:
        '您好！关于您反映的问题（投诉编号 {{reference}}），我们的最新回复如下：\n\n{{message}}\n\n' +
        '如有任何疑问，请联系门店或拨打客服热线，并告知投诉编号。感谢您的耐心与理解。',
    },
    en: {
      subject: 'An update on your complaint {{reference}}',
      body:
        'Hello, here is our latest reply about the issue you raised (complaint {{reference}}):\n\n{{message}}\n\n' +
        'If you have any question, please contact the store or our hotline and quote the complaint number. ' +
        'Thank you for your patience.',
    },
  },
};

/** The complaint was resolved (or closed) with a word for the customer. */
export const COMPLAINT_RESOLVED: NotificationTemplate = {
  name: 'complaint-resolved',
  texts: {
    'zh-CN': {
      subject: '您的投诉（编号 {{reference}}）已处理完毕',
      body:
        '您好！您反映的问题（投诉编号 {{reference}}）已处理完毕：\n\n{{message}}\n\n' +
        '如果您对处理结果仍不满意，请联系门店或客服热线，我们会继续跟进。稍后我们可能会邀请您评价本次服务，感谢您帮助我们改进。',
    },
    en: {
      subject: 'Your complaint {{reference}} has been resolved',
      body:
        'Hello, the issue you raised (complaint {{reference}}) has been resolved:\n\n{{message}}\n\n' +
        'If you are not satisfied with the outcome, please contact the store or our hotline and we will follow up. ' +
        'We may ask you shortly how we did; thank you for helping us improve.',
    },
  },
};

/** To the staff the escalation chain names for the level reached. */
export const COMPLAINT_ESCALATION: NotificationTemplate = {
  name: 'complaint-escalation',
  texts: {
    'zh-CN': {
      subject: '【升级 L{{level}}】投诉 {{reference}}（{{priority}}）需要您处理',
      body:
        '投诉 {{reference}}（优先级 {{priority}}，门店 {{store}}）已升级至第 {{level}} 级，原因：{{reason}}。\n' +
        '当前负责人：{{owner}}。请尽快查看并跟进处理。',
    },
    en: {
      subject: '[Escalation L{{level}}] Complaint {{reference}} ({{priority}}) needs you',
      body:
        'Complaint {{reference}} (priority {{priority}}, store {{store}}) reached escalation level {{level}}. ' +
        'Reason: {{reason}}.\nCurrent owner: {{owner}}. Please review it and follow up now.',
    },
  },
};

/** To the owner: a first-response or resolution deadline is near. */
export const COMPLAINT_REMINDER: NotificationTemplate = {
  name: 'complaint-sla-reminder',
  texts: {
    'zh-CN': {
      subject: '【时限提醒】投诉 {{reference}} 的{{clock}}时限于 {{due}} 到期',
      body:
        '您负责的投诉 {{reference}}（优先级 {{priority}}）的{{clock}}时限将于 {{due}}（门店时间，{{zone}}）到期。\n' +
        '请在到期前完成处理，逾期将自动升级。',
    },
    en: {
      subject: '[Deadline] Complaint {{reference}}: {{clockEn}} due {{due}}',
      body:
        'The {{clockEn}} deadline of complaint {{reference}} (priority {{priority}}), which you own, is due at ' +
        '{{due}} (store time, {{zone}}).\nPlease act before then: a missed deadline escalates the complaint.',
    },
  },
};

/** To the owner of a corrective action against a complaint's root cause (PDCA). */
export const CORRECTIVE_ACTION_ASSIGNED: NotificationTemplate = {
  name: 'corrective-action-assigned',
  texts: {
    'zh-CN': {
      subject: '整改任务：{{title}}（截止 {{due}}）',
      body:
        '您被指定为一项整改措施的负责人：{{title}}。\n来源投诉 {{complaintId}}，原因类别 {{cause}}，截止 {{due}}（门店时间，{{zone}}）。\n' +
        '请按期完成并在系统中提交验证。',
    },
    en: {
      subject: 'Corrective action: {{title}} (due {{due}})',
      body:
        'You own a corrective action: {{title}}.\nFrom complaint {{complaintId}}, cause {{cause}}, due {{due}} ' +
        '(store time, {{zone}}).\n' +
        'Please complete it on time and submit it for verification.',
    },
  },
};

/** To the owner: the corrective action is still open after its due time. */
export const CORRECTIVE_ACTION_OVERDUE: NotificationTemplate = {
  name: 'corrective-action-overdue',
  texts: {
    'zh-CN': {
      subject: '【逾期】整改任务：{{title}}',
      body: '您负责的整改措施「{{title}}」已超过截止时间 {{due}}（门店时间，{{zone}}）仍未完成。\n来源投诉 {{complaintId}}。请尽快完成，或与主管商定新的期限。',
    },
    en: {
      subject: '[Overdue] Corrective action: {{title}}',
      body:
        'The corrective action "{{title}}" you own is still open after its due time {{due}} (store time, {{zone}}).\n' +
        'From complaint {{complaintId}}. Please finish it now or agree a new date with your lead.',
    },
  },
};

/** A store's or category's KPI missed the lead's target (early warning): to the `early-warning` group. */
export const COMPLAINT_KPI_ALERT: NotificationTemplate = {
  name: 'complaint-kpi-alert',
  texts: {
    'zh-CN': {
      subject: '【投诉预警】{{key}}：{{metric}} 为 {{value}}（目标 {{operator}} {{target}}）',
      body:
        '自 {{from}}（{{zone}}）起的 {{cases}} 件投诉中，{{key}} 的 {{metric}} 为 {{value}}，未达到目标 {{operator}} {{target}}。\n' +
        '请查看投诉分析并安排改进。预警编号：{{alertId}}。',
    },
    en: {
      subject: '[Complaint early warning] {{key}}: {{metric}} at {{value}} (target {{operator}} {{target}})',
      body:
        'Over {{cases}} complaints since {{from}} ({{zone}}), {{metric}} for {{key}} was {{value}}, missing the target ' +
        '{{operator}} {{target}}.\nPlease review the complaint analytics and plan improvements. Alert {{alertId}}.',
    },
  },
};

/**
 * The zone a store's staff read times in: its calendar's (the lead's SLA calendar), else the chain's
 * default calendar ('*'). Read in the publishing transaction, like every read a rule makes.
 */
async function storeZone(em: EntityManager, storeId: string | null | undefined): Promise<string> {
  const calendar = await new PolicyRepository(em.connection).calendarFor(storeId ?? null, em);
  return calendar?.timeZone ?? DEFAULT_ZONE;
}

/** A corrective action names its complaint, not a store: the complaint's store sets the clock. */
async function complaintZone(em: EntityManager, complaintId: string): Promise<string> {
  const complaint = await new ComplaintRepository(em.connection).findById(complaintId, em);
  return storeZone(em, complaint?.storeId);
}

/** Only when not even the default calendar exists (it is seeded by the first migration). */
const DEFAULT_ZONE = 'Asia/Shanghai';

/** A due time as the recipient reads it: the store's wall clock, with the zone named. */
const dueParams = (dueAt: string, zone: string) => ({ due: messageTime(dueAt, zone), zone });

/** Changes after which the customer reads a resolution, not a reply. */
const RESOLVING = new Set(['resolved', 'closed']);
/**
 * Changes whose message complaints words itself, in English with ISO times (the registration
 * receipt, a merge, the quiet auto-close): not mailed as a reply. The customer is written to when a
 * person replies or resolves.
 */
const SYSTEM_WORDED = new Set(['received', 'merged', 'auto-closed']);
const CLOCK_ZH = { 'first-response': '首次响应', resolution: '解决' } as const;

export const COMPLAINT_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(Subjects.complaints.complaintUpdated, [COMPLAINT_REPLY, COMPLAINT_RESOLVED], (d) =>
    d.customerId && d.customerMessage && !SYSTEM_WORDED.has(d.change)
      ? [
          {
            to: { customerId: d.customerId, purpose: 'complaint-update' },
            template: RESOLVING.has(d.change) ? COMPLAINT_RESOLVED : COMPLAINT_REPLY,
            params: { reference: d.reference, message: d.customerMessage },
            about: { type: 'complaint', id: d.complaintId },
          },
        ]
      : [],
  ),
  notifyOn(Subjects.complaints.complaintEscalatedV2, [COMPLAINT_ESCALATION], (d) => [
    {
      to: { group: d.to, ...(d.storeId && { storeId: d.storeId }), purpose: 'complaint-escalation' },
      template: COMPLAINT_ESCALATION,
      params: {
        reference: d.reference,
        level: d.level,
        priority: d.priority,
        store: d.storeId ?? '-',
        reason: d.why ?? d.reason,
        owner: d.ownerId,
      },
      about: { type: 'complaint', id: d.complaintId },
    },
  ]),
  notifyOn(Subjects.complaints.kpiAlertRaised, [COMPLAINT_KPI_ALERT], async (a, em) => [
    {
      to: {
        group: 'early-warning',
        ...(a.scope === 'store' && { storeId: a.key }),
        purpose: 'early-warning',
      },
      template: COMPLAINT_KPI_ALERT,
      params: {
        key: a.key,
        metric: a.metric,
        value: metricFigure(a.metric, a.value),
        operator: a.operator,
        target: metricFigure(a.metric, a.target),
        cases: a.cases,
        // a store's alert on its clock; a category's (every store) on the chain's default
        ...(await storeZone(em, a.scope === 'store' ? a.key : null).then((zone) => ({
          from: messageTime(a.windowFrom, zone),
          zone,
        }))),
        alertId: a.alertId,
      },
      about: { type: 'kpi-alert', id: a.alertId },
    },
  ]),
  notifyOn(Subjects.complaints.correctiveActionCreated, [CORRECTIVE_ACTION_ASSIGNED], async (d, em) => [
    {
      to: { employeeId: d.ownerId, purpose: 'corrective-action' },
      template: CORRECTIVE_ACTION_ASSIGNED,
      params: {
        title: d.title,
        complaintId: d.complaintId,
        cause: d.causeCode ?? '-',
        ...dueParams(d.dueAt, await complaintZone(em, d.complaintId)),
      },
      about: { type: 'corrective-action', id: d.actionId },
    },
  ]),
  notifyOn(Subjects.complaints.correctiveActionOverdue, [CORRECTIVE_ACTION_OVERDUE], async (d, em) => [
    {
      to: { employeeId: d.ownerId, purpose: 'corrective-action' },
      template: CORRECTIVE_ACTION_OVERDUE,
      params: {
        title: d.title,
        complaintId: d.complaintId,
        ...dueParams(d.dueAt, await complaintZone(em, d.complaintId)),
      },
      about: { type: 'corrective-action', id: d.actionId },
    },
  ]),
  // The due time, not "minutes remaining": a send a retry round delays would tell a stale count.
  notifyOn(Subjects.complaints.complaintDeadlineApproaching, [COMPLAINT_REMINDER], async (d, em) => [
    {
      to: { employeeId: d.ownerId, purpose: 'complaint-reminder' },
      template: COMPLAINT_REMINDER,
      params: {
        reference: d.reference,
        priority: d.priority,
        clock: CLOCK_ZH[d.clock],
        clockEn: d.clock,
        ...dueParams(d.dueAt, await storeZone(em, d.storeId)),
      },
      about: { type: 'complaint', id: d.complaintId },
    },
  ]),
];

// Who aftersales tells, and what (ADR 31, docs/notifications.md): the customer of a repair whose
// appointment was booked or moved, at the contact crm gives for after-sales updates, with the time
// on the store's clock; the staff listed in `management` of a major dispute reported to them.
import { DisputeSubject, Subjects } from '@cx/contracts';
import { messageTime, NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';
import { PolicyRepository } from '../policy/policy.repository';

/** The zone of a store that has none set (aftersales' DEFAULT_STORE_TIME_ZONE default). */
const FALLBACK_ZONE = 'Asia/Shanghai';

export const REPAIR_APPOINTMENT_BOOKED: NotificationTemplate = {
  name: 'repair-appointment-booked',
  texts: {
    'zh-CN': {
      subject: '维修预约成功：{{time}}',
      body:
        '您好！您的维修预约已确认：{{time}}，门店 {{store}}，技师工号 {{technician}}。\n' +
        '请携带需维修的商品及购买凭证（或保修卡）准时到店。如需改期，请提前联系门店。感谢您的信任！',
    },
    en: {
      subject: 'Your repair appointment is booked: {{time}}',
      body:
        'Hello, your repair appointment is confirmed for {{time}} at store {{store}} (technician {{technician}}).\n' +
        'Please bring the product and your receipt or warranty card. To change the time, contact the store in advance. ' +
        'Thank you for your trust.',
    },
  },
};

export const REPAIR_APPOINTMENT_CHANGED: NotificationTemplate = {
  name: 'repair-appointment-changed',
  texts: {
    'zh-CN': {
      subject: '维修预约时间已变更：{{time}}',
      body:
        '您好！您的维修预约已改至 {{time}}，门店 {{store}}，技师工号 {{technician}}，原预约时间作废。\n' +
        '请携带需维修的商品及购买凭证（或保修卡）准时到店。如新时间不方便，请联系门店另行安排。',
    },
    en: {
      subject: 'Your repair appointment has moved to {{time}}',
      body:
        'Hello, your repair appointment has moved to {{time}} at store {{store}} (technician {{technician}}); ' +
        'the earlier time no longer applies.\nPlease bring the product and your receipt or warranty card. ' +
        'If the new time does not suit you, contact the store to arrange another.',
    },
  },
};

/** A major dispute reported to management (seed 004 ch. 5): to the staff the lead lists in `management`. */
export const DISPUTE_ESCALATED: NotificationTemplate = {
  name: 'dispute-escalated',
  texts: {
    'zh-CN': {
      subject: '【重大售后争议】门店 {{store}}：{{subject}}争议已上报',
      body:
        '门店 {{store}} 的一起{{subject}}争议已上报管理层（上报人 {{by}}）。\n争议内容：{{reason}}\n' +
        '请尽快查看争议记录（编号 {{disputeId}}）并给出处理意见。',
    },
    en: {
      subject: '[Major dispute] Store {{store}}: a {{subjectEn}} dispute was reported',
      body:
        'A {{subjectEn}} dispute at store {{store}} was reported to management (by {{by}}).\nWhat it is about: {{reason}}\n' +
        'Please review dispute {{disputeId}} and decide how to settle it.',
    },
  },
};

const SUBJECT_ZH: Record<DisputeSubject, string> = { return: '退换货', repair: '维修' };

export const AFTERSALES_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(Subjects.aftersales.disputeEscalated, [DISPUTE_ESCALATED], (d) => [
    {
      to: { group: 'management', storeId: d.storeId, purpose: 'dispute-escalation' },
      template: DISPUTE_ESCALATED,
      params: {
        store: d.storeId,
        subject: SUBJECT_ZH[d.subjectType],
        subjectEn: d.subjectType,
        by: d.escalatedBy,
        reason: d.reason,
        disputeId: d.disputeId,
      },
      about: { type: 'dispute', id: d.disputeId },
    },
  ]),
  notifyOn(
    Subjects.aftersales.repairAppointmentBooked,
    [REPAIR_APPOINTMENT_BOOKED, REPAIR_APPOINTMENT_CHANGED],
    async (d, em) => {
      const store = await new PolicyRepository(em.connection).store(d.storeId, em);
      return [
        {
          to: { customerId: d.customerId, purpose: 'after-sales-update' },
          template: d.rescheduled ? REPAIR_APPOINTMENT_CHANGED : REPAIR_APPOINTMENT_BOOKED,
          params: {
            time: messageTime(d.startsAt, store?.timeZone ?? FALLBACK_ZONE),
            store: d.storeId,
            technician: d.technicianId,
          },
          about: { type: 'repair', id: d.repairId },
        },
      ];
    },
  ),
];

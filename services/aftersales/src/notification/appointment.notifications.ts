// Who aftersales tells, and what (ADR 31, docs/notifications.md): the customer of a repair whose
// appointment was booked or moved, at the contact crm gives for after-sales updates, with the time
// on the store's clock.
import { Subjects } from '@cx/contracts';
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

export const AFTERSALES_NOTIFICATIONS: NotificationRule[] = [
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

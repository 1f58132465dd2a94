// Who surveys tells, and what (ADR 31, docs/notifications.md): an early-warning alert goes to the
// staff a lead listed in the `early-warning` recipient group (for the alert's store, and for every
// store), through the platform's notification dispatcher.
import { AlertRaisedV1, Subjects } from '@cx/contracts';
import { metricFigure, NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';

/** The recipient group a lead fills in `PUT /api/v1/admin/notifications/recipients/early-warning`. */
export const EARLY_WARNING_GROUP = 'early-warning';

export const EARLY_WARNING_ALERT: NotificationTemplate = {
  name: 'early-warning-alert',
  texts: {
    'zh-CN': {
      subject: '【预警】{{scope}}：{{metric}} 为 {{value}}（阈值 {{threshold}}）',
      body:
        '{{period}} 期间，{{scope}} 的 {{metric}} 为 {{value}}，越过了设定的阈值 {{threshold}}。\n' +
        '请查看满意度报表和近期评价，安排整改并跟进。预警编号：{{alertId}}。',
    },
    en: {
      subject: '[Early warning] {{scope}}: {{metric}} at {{value}} (threshold {{threshold}})',
      body:
        'In {{period}}, {{metric}} for {{scope}} was {{value}}, past the threshold of {{threshold}}.\n' +
        'Please review the scores and recent answers, and plan the follow-up. Alert {{alertId}}.',
    },
  },
};

function scopeOf(a: AlertRaisedV1): string {
  return a.scope.storeId ?? a.scope.touchpoint ?? '*';
}

export const SURVEYS_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(Subjects.surveys.alertRaised, [EARLY_WARNING_ALERT], (a) => [
    {
      to: {
        group: EARLY_WARNING_GROUP,
        ...(a.scope.storeId && { storeId: a.scope.storeId }),
        purpose: 'early-warning',
      },
      template: EARLY_WARNING_ALERT,
      params: {
        scope: scopeOf(a),
        metric: a.metric,
        value: metricFigure(a.metric, a.value),
        threshold: metricFigure(a.metric, a.threshold),
        period: a.period,
        alertId: a.alertId,
      },
      about: { type: 'alert', id: a.alertId },
    },
  ]),
];

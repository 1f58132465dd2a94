import type { ContactPurpose, EventSubject, PayloadOf, StaffContactPurpose } from '@cx/contracts';
import type { EntityManager } from 'typeorm';
import { formatLocalDate, wallClockOf } from '../time/zones';
import type { NotificationChannel } from './delivery.rules';
import type { NotificationTemplate } from './templates';

/**
 * Whom a notification is for, by reference only: contact details are asked for at sending time, for
 * the stated purpose (a customer from crm, an employee from training), and never stored.
 * - `customerId`: a customer (crm's `rpc.crm.get-customer-contact.v1`);
 * - `employeeId`: one member of staff (training's `rpc.training.get-staff-contact.v1`);
 * - `group`: the employees a lead listed for that group (`/api/v1/admin/notifications/recipients`),
 *   those set for `storeId` and those set for every store.
 */
export type NotificationRecipient =
  | { customerId: string; purpose: ContactPurpose }
  | { employeeId: string; purpose: StaffContactPurpose }
  | { group: string; storeId?: string; purpose: StaffContactPurpose };

/** One notification an event asks for. `params` fill the template and must carry no contact detail. */
export interface NotificationIntent {
  to: NotificationRecipient;
  template: NotificationTemplate;
  params: Readonly<Record<string, string | number>>;
  /** What it is about, shown in the delivery log (`complaint`, its id). */
  about: { type: string; id: string };
}

type Planned = NotificationIntent[] | Promise<NotificationIntent[]>;

/**
 * Which of a service's own events tell someone, and what. `plan` runs in the publishing transaction
 * (`em`): a read it needs for the text (a course title, a store's zone) goes through a repository
 * with that `em`; it never sends anything itself.
 */
export interface NotificationRule {
  on: string;
  /** Every template `plan` may use: the sender finds them by name. */
  templates: readonly NotificationTemplate[];
  plan(data: unknown, em: EntityManager): Planned;
}

/** A rule for one event subject, with its payload typed from the contract. */
export function notifyOn<S extends EventSubject>(
  subject: S,
  templates: readonly NotificationTemplate[],
  plan: (data: PayloadOf<S>, em: EntityManager) => Planned,
): NotificationRule {
  return { on: subject, templates, plan: (data, em) => plan(data as PayloadOf<S>, em) };
}

/** The part of crm's contact reply the channel rule needs. */
export interface CustomerContactForChannel {
  email?: string;
  phone?: string;
  preferredChannel?: string;
  consent: { email: boolean; sms: boolean };
}

/**
 * Where a service message may reach a customer, best first: the preferred channel when the customer
 * agreed to it and it has an address, then email, then SMS (through the gateway webhook). Empty when
 * the customer agreed to neither. The sender takes the first whose channel is configured.
 */
export function customerAddresses(
  c: CustomerContactForChannel,
): { channel: NotificationChannel; to: string }[] {
  const email = c.consent.email && c.email ? [{ channel: 'email' as const, to: c.email }] : [];
  const sms = c.consent.sms && c.phone ? [{ channel: 'webhook' as const, to: c.phone }] : [];
  return c.preferredChannel === 'sms' ? [...sms, ...email] : [...email, ...sms];
}

/**
 * A time as a customer or employee reads it in a message, on the wall clock of `timeZone`:
 * `2026-06-08 10:00`. The same in every language, so the text can be chosen at sending time.
 */
export function messageTime(instant: Date | string, timeZone: string): string {
  const wall = wallClockOf(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatLocalDate(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * A KPI as a lead reads it in an alert: a rate (a fraction 0..1 of a metric named `...rate`,
 * `...satisfaction` or `...coverage`) as a percentage, anything else as it is, to two decimals.
 */
export function metricFigure(metric: string, value: number): string {
  return /(rate|satisfaction|coverage)$/.test(metric)
    ? `${Math.round(value * 1000) / 10}%`
    : String(Math.round(value * 100) / 100);
}

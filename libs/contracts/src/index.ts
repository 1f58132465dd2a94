// @cx/contracts: what the services say to each other over NATS. Only class-validator and
// class-transformer at run time; no framework, no transport, nothing of ours.
import 'reflect-metadata';

export * from './services';
export * from './subjects';
export * from './versioning';
export * from './ids';
export * from './validation';
export * from './envelope';
export * from './registry';
export * from './common/enums';
export * from './common/rules';
export * from './catalog';
export * from './samples';

export * from './crm/purchase-recorded.event';
export * from './crm/purchase-delivered.event';
export * from './crm/get-purchase.request';
export * from './crm/customer-tier-changed.event';
export * from './crm/customer-tier-at-risk.event';
export * from './crm/points-expiring.event';
export * from './crm/customer-erased.event';
export * from './crm/segment-membership-changed.event';
export * from './crm/customer-merged.event';
export * from './crm/get-customer-tier.request';
export * from './crm/get-customer-contact.request';
export * from './complaints/complaint-created.event';
export * from './complaints/complaint-updated.event';
export * from './complaints/complaint-resolved.event';
export * from './complaints/complaint-sla-breached.event';
export * from './complaints/complaint-alert';
export * from './complaints/complaint-escalated.event';
export * from './complaints/complaint-deadline-approaching.event';
export * from './aftersales/return-completed.event';
export * from './aftersales/repair-completed.event';
export * from './aftersales/check-warranty.request';
export * from './aftersales/dispute-escalated.event';
export * from './surveys/response-submitted.event';
export * from './surveys/audit-completed.event';
export * from './surveys/alert-raised.event';
export * from './training/enrollment-created.event';
export * from './complaints/complaint-escalated-v2.event';
export * from './complaints/kpi-alert-raised.event';
export * from './complaints/incident-opened.event';
export * from './complaints/incident-resolved.event';
export * from './complaints/corrective-action-created.event';
export * from './complaints/corrective-action-verified.event';
export * from './complaints/corrective-action-overdue.event';

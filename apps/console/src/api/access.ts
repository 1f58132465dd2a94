// Generated from the authorization matrix of docs/api.md by test/console/api-types.spec.ts:
// `npm run console:api` rewrites it. The console shows a page, or a form, only to callers these rows
// let through; the services still enforce them.
export type Caller =
  | 'no token'
  | 'system'
  | 'agent'
  | 'technician'
  | 'auditor'
  | 'lead (own dept)'
  | 'lead (other dept)'
  | 'admin';

export interface AccessRow {
  service: string;
  operation: string;
  allows: readonly Caller[];
}

export const ACCESS: readonly AccessRow[] = [
  {
    service: 'every',
    operation: 'GET /health/live',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  {
    service: 'every',
    operation: 'GET /health/ready',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  {
    service: 'every',
    operation: 'GET /metrics',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  { service: 'every', operation: 'GET /api/v1/admin/dead-letters', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'every',
    operation: 'GET /api/v1/admin/dead-letters/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'every',
    operation: 'POST /api/v1/admin/dead-letters/{id}/replay',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'every',
    operation: 'GET /api/v1/admin/notifications/deliveries',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'every',
    operation: 'GET /api/v1/admin/notifications/deliveries/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'every',
    operation: 'GET /api/v1/admin/notifications/recipients',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'every',
    operation: 'PUT /api/v1/admin/notifications/recipients/{group}',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'complaints', operation: 'POST /api/v1/complaints', allows: ['system', 'agent', 'admin'] },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/status',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/transfer',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/assign',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/comments',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/comments',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/history',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/sla/pause',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/sla/resume',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/sla',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PUT /api/v1/complaints/{id}/team',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/team',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/plan',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/plan',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PATCH /api/v1/complaints/{id}/plan/{stepId}',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/merge',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  { service: 'complaints', operation: 'GET /api/v1/admin/policies', allows: ['lead (own dept)', 'admin'] },
  { service: 'complaints', operation: 'PUT /api/v1/admin/policies', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'complaints',
    operation: 'PUT /api/v1/admin/policies/kpi-targets',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/sla-rules',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/admin/policies/sla-rules',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/sla-rules/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PUT /api/v1/admin/policies/sla-rules/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'DELETE /api/v1/admin/policies/sla-rules/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/calendars',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/calendars/{storeId}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PUT /api/v1/admin/policies/calendars/{storeId}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'DELETE /api/v1/admin/policies/calendars/{storeId}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/categories',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/admin/policies/categories',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PATCH /api/v1/admin/policies/categories/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/analytics/counts',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/analytics/hot-spots',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/analytics/kpis',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/complaints/export.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/incidents',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/incidents/{id}',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/incidents/{id}/timeline',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents/{id}/complaints',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents/{id}/unlink',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents/{id}/resolve',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents/{id}/confirm',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/incidents/{id}/dismiss',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/cause-codes',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/admin/policies/cause-codes',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PATCH /api/v1/admin/policies/cause-codes/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/corrective-actions',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/corrective-actions',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/corrective-actions/{id}/complete',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/corrective-actions/{id}/verify',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/corrective-actions',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/claim',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/work-queue',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/work-queue/counts',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  { service: 'complaints', operation: 'POST /api/v1/customer-replies', allows: ['system', 'admin'] },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/replies',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/return-visits',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'POST /api/v1/complaints/{id}/compensations',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/complaints/{id}/compensations',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/analytics/compensation-cost',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'complaints', operation: 'GET /api/v1/admin/alerts', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'complaints',
    operation: 'GET /api/v1/admin/policies/early-warning',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'complaints',
    operation: 'PUT /api/v1/admin/policies/early-warning',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'complaints', operation: 'GET /api/v1/admin/scorecard', allows: ['lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'POST /api/v1/customers', allows: ['system', 'agent', 'admin'] },
  { service: 'crm', operation: 'GET /api/v1/customers', allows: ['agent', 'lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'POST /api/v1/customers/search', allows: ['system', 'agent', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'PATCH /api/v1/customers/{id}', allows: ['system', 'agent', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/consent-history',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'POST /api/v1/customers/{id}/merge', allows: ['system', 'agent', 'admin'] },
  { service: 'crm', operation: 'POST /api/v1/customers/{id}/erasure', allows: ['system', 'agent', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/policies/customer-retention',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'PUT /api/v1/admin/policies/customer-retention',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'POST /api/v1/purchases', allows: ['system', 'admin'] },
  { service: 'crm', operation: 'POST /api/v1/purchases/bulk', allows: ['system', 'admin'] },
  { service: 'crm', operation: 'PATCH /api/v1/purchases/{id}/delivery', allows: ['system', 'admin'] },
  { service: 'crm', operation: 'POST /api/v1/purchases/deliveries', allows: ['system', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/purchases/{id}',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/purchases',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/timeline',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/segments',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/segments/{code}/members',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'GET /api/v1/care/birthdays', allows: ['system', 'agent', 'admin'] },
  { service: 'crm', operation: 'GET /api/v1/admin/policies/care', allows: ['lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'PUT /api/v1/admin/policies/care', allows: ['lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'GET /api/v1/admin/analytics/tiers', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/analytics/repurchase',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'GET /api/v1/admin/analytics/points', allows: ['lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'GET /api/v1/admin/analytics/segments', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/analytics/birthdays',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/analytics/tiers.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/analytics/repurchase.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/analytics/points.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'GET /api/v1/admin/scorecard', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/points',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/points/ledger',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'POST /api/v1/customers/{id}/points/redemptions',
    allows: ['system', 'agent', 'admin'],
  },
  {
    service: 'crm',
    operation: 'POST /api/v1/customers/{id}/points/goodwill',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'GET /api/v1/customers/{id}/tier',
    allows: ['system', 'agent', 'lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'GET /api/v1/admin/policies/loyalty', allows: ['lead (own dept)', 'admin'] },
  { service: 'crm', operation: 'PATCH /api/v1/admin/policies/loyalty', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'crm',
    operation: 'GET /api/v1/admin/policies/loyalty/tiers',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'PATCH /api/v1/admin/policies/loyalty/tiers/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'crm', operation: 'GET /api/v1/admin/policies/campaigns', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'crm',
    operation: 'POST /api/v1/admin/policies/campaigns',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'crm',
    operation: 'DELETE /api/v1/admin/policies/campaigns/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/warranties',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/warranties/{id}',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/admin/policies/warranty',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'PUT /api/v1/admin/policies/terms/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'PUT /api/v1/admin/policies/categories/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'PUT /api/v1/admin/policies/stores/{storeId}',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'aftersales', operation: 'POST /api/v1/returns', allows: ['agent', 'lead (own dept)', 'admin'] },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/returns',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/returns/{id}',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/approve',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/reject',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/receive',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/inspect',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/refund',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/exchange',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/complete',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/returns/{id}/evidence',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/returns/{id}/evidence',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/returns/{id}/evidence/{evidenceId}',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  { service: 'aftersales', operation: 'POST /api/v1/repairs', allows: ['agent', 'lead (own dept)', 'admin'] },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/repairs/{id}',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/appointment',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/inspection',
    allows: ['technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/consent',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/repair',
    allows: ['technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/confirmation',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/repairs/{id}/complete',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/admin/policies/parts',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'PUT /api/v1/admin/policies/parts/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/admin/policies/repair-prices',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'PUT /api/v1/admin/policies/repair-prices/{code}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/policy',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/disputes',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  { service: 'aftersales', operation: 'GET /api/v1/disputes', allows: ['agent', 'lead (own dept)', 'admin'] },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/disputes/{id}',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/disputes/{id}/notes',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/disputes/{id}/assign',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/disputes/{id}/escalate',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'POST /api/v1/disputes/{id}/resolve',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/admin/analytics/kpis',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/admin/analytics/returns.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'aftersales', operation: 'GET /api/v1/admin/scorecard', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'aftersales',
    operation: 'GET /api/v1/repairs',
    allows: ['agent', 'technician', 'lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/touchpoints', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/touchpoints',
    allows: ['agent', 'auditor', 'lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/touchpoints/{id}',
    allows: ['agent', 'auditor', 'lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/questionnaires', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/questionnaires',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/questionnaires/{id}',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/questionnaires/{id}/versions',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/questionnaires/{id}/versions',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  { service: 'training', operation: 'POST /api/v1/employees', allows: ['system', 'admin'] },
  { service: 'training', operation: 'POST /api/v1/employees/bulk', allows: ['system', 'admin'] },
  { service: 'training', operation: 'GET /api/v1/employees', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'training',
    operation: 'GET /api/v1/employees/{employeeId}',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/employees/{employeeId}/assignments',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'POST /api/v1/employees/{employeeId}/leave',
    allows: ['system', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/employees/{employeeId}/enrollments',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'training', operation: 'POST /api/v1/admin/courses', allows: ['lead (own dept)', 'admin'] },
  { service: 'training', operation: 'GET /api/v1/admin/courses', allows: ['lead (own dept)', 'admin'] },
  { service: 'training', operation: 'GET /api/v1/admin/courses/{id}', allows: ['lead (own dept)', 'admin'] },
  { service: 'training', operation: 'POST /api/v1/enrollments', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'training',
    operation: 'POST /api/v1/enrollments/{id}/attendance',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'POST /api/v1/enrollments/{id}/attempts',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'POST /api/v1/enrollments/{id}/completion',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  { service: 'training', operation: 'GET /api/v1/admin/coverage', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/coverage/overdue',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/stores/time-zones',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'PUT /api/v1/admin/stores/{storeId}/time-zone',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/scorecards/awards',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/scorecards/{month}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/scorecards/{month}/employees',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/scorecards/{month}/stores',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'POST /api/v1/admin/scorecards/{month}/recompute',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'POST /api/v1/admin/scorecards/{month}/close',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'PUT /api/v1/admin/scorecards/{month}/staff-satisfaction',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/policies/scorecard',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'PUT /api/v1/admin/policies/scorecard',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/public/surveys/{token}',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/public/surveys/{token}/answers',
    allows: [
      'no token',
      'system',
      'agent',
      'technician',
      'auditor',
      'lead (own dept)',
      'lead (other dept)',
      'admin',
    ],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/responses/offline',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'GET /api/v1/admin/invitations', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/policies/triggers',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'PUT /api/v1/admin/policies/triggers/{trigger}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/policies/settings',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'PUT /api/v1/admin/policies/settings',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/admin/campaigns', allows: ['lead (own dept)', 'admin'] },
  { service: 'surveys', operation: 'GET /api/v1/admin/campaigns', allows: ['lead (own dept)', 'admin'] },
  { service: 'surveys', operation: 'GET /api/v1/admin/scores', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/scores/scores.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'GET /api/v1/admin/scores/alerts', allows: ['lead (own dept)', 'admin'] },
  { service: 'surveys', operation: 'GET /api/v1/admin/scores/trends', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/scores/trends.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/admin/audits/checklists',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/audits/checklists/{id}',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'PUT /api/v1/admin/audits/auditors/{auditorId}',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/admin/audits', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/audits/pass-rates',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/admin/audits/corrective-actions',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'GET /api/v1/admin/scorecard', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/audits/{id}',
    allows: ['auditor', 'lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/audits/{id}/evidence', allows: ['auditor', 'admin'] },
  { service: 'surveys', operation: 'POST /api/v1/audits/{id}/results', allows: ['auditor', 'admin'] },
  {
    service: 'surveys',
    operation: 'POST /api/v1/corrective-actions/{id}/close',
    allows: ['agent', 'lead (own dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/audits/{id}/evidence/{evidenceId}',
    allows: ['auditor', 'lead (own dept)', 'admin'],
  },
  { service: 'surveys', operation: 'POST /api/v1/cx-reports', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'surveys',
    operation: 'GET /api/v1/cx-reports',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/cx-reports/{id}',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/cx-reports/{id}/pdf',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/improvement-measures',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/improvement-measures',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'GET /api/v1/improvement-measures/{id}',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'surveys',
    operation: 'POST /api/v1/improvement-measures/{id}/status',
    allows: ['lead (own dept)', 'lead (other dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/policies/remedial',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'PUT /api/v1/admin/policies/remedial',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/employees/{employeeId}/archive',
    allows: ['lead (own dept)', 'admin'],
  },
  { service: 'training', operation: 'POST /api/v1/admin/rewards', allows: ['lead (own dept)', 'admin'] },
  { service: 'training', operation: 'GET /api/v1/admin/rewards', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'training',
    operation: 'POST /api/v1/employees/{employeeId}/redemptions',
    allows: ['system', 'lead (own dept)', 'admin'],
  },
  { service: 'training', operation: 'POST /api/v1/admin/plans', allows: ['lead (own dept)', 'admin'] },
  { service: 'training', operation: 'GET /api/v1/admin/plans', allows: ['lead (own dept)', 'admin'] },
  {
    service: 'training',
    operation: 'GET /api/v1/employees/{employeeId}/certifications',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/analytics/training',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/analytics/training.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/analytics/leaderboard.csv',
    allows: ['lead (own dept)', 'admin'],
  },
  {
    service: 'training',
    operation: 'GET /api/v1/admin/company-scorecard',
    allows: ['lead (own dept)', 'admin'],
  },
];

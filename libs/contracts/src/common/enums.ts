/**
 * Closed lists shared by several messages. Each is a const array (validated with `@IsIn`) plus its
 * union type. Adding a value to one of these is a BREAKING change (see versioning.ts).
 */

/** Where a sale happened. */
export const SALES_CHANNELS = ['store', 'online', 'mobile-app', 'phone', 'marketplace'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

/** Warranty class of a product line (general 1 year; electronics and custom-made 2 years by default). */
export const WARRANTY_CLASSES = ['general', 'electronics', 'custom-made'] as const;
export type WarrantyClass = (typeof WARRANTY_CLASSES)[number];

/** Loyalty tiers, lowest first. */
export const TIERS = ['standard', 'silver', 'gold', 'diamond'] as const;
export type Tier = (typeof TIERS)[number];

/** How a complaint came in. */
export const COMPLAINT_CHANNELS = ['hotline', 'online', 'store-box', 'email', 'social'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Complaint priority, P1 most urgent. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Life cycle of a complaint. */
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'in-progress',
  'waiting-for-customer',
  'resolved',
  'closed',
  'reopened',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The two SLA clocks of a complaint: 24 h to first response, 72 h to a solution. */
export const SLA_CLOCKS = ['first-response', 'resolution'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** Why a complaint went up a level of the escalation chain. */
export const ESCALATION_REASONS = [
  'first-response-sla',
  'resolution-sla',
  'reopened-too-often',
  'dissatisfied',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Channels a customer can be contacted on. */
export const CONTACT_CHANNELS = ['sms', 'email', 'phone', 'app'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Why a service asks crm for a customer's contact details (written to crm's access audit log). */
export const CONTACT_PURPOSES = [
  'complaint-update',
  'survey-invitation',
  'after-sales-update',
  'return-visit',
  /** crm's notices about the customer's own membership: points about to expire, a tier gained. */
  'loyalty-notice',
  /** crm's "spend this much to keep your tier": an invitation to buy, so marketing consent. */
  'loyalty-offer',
] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

/** Return or exchange. */
export const RETURN_KINDS = ['return', 'exchange'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

/** What made a survey be sent. */
export const SURVEY_TRIGGERS = [
  'complaint-resolved',
  'repair-completed',
  'delivery',
  'periodic',
  'manual',
  'return-completed',
] as const;
export type SurveyTrigger = (typeof SURVEY_TRIGGERS)[number];

/** What a survey response is about. */
export const SURVEY_SUBJECT_TYPES = ['complaint', 'repair', 'order', 'store', 'none'] as const;
export type SurveySubjectType = (typeof SURVEY_SUBJECT_TYPES)[number];

/** Why an employee was enrolled in a course. */
export const ENROLLMENT_REASONS = ['plan', 'remedial', 'manual'] as const;
export type EnrollmentReason = (typeof ENROLLMENT_REASONS)[number];

/**
 * Known values of OPEN code lists. These are documentation and autocompletion, not validation: the
 * payloads accept any kebab code there, so a new code does not need a new major.
 */
export const KNOWN_COMPLAINT_CHANGES = [
  'acknowledged',
  'assigned',
  'handed-over',
  'status-changed',
  'customer-contacted',
  'customer-replied',
  'escalated',
  'resolved',
  'closed',
  'reopened',
  'withdrawn',
] as const;

export const KNOWN_ALERT_METRICS = [
  'customer-satisfaction',
  'nps',
  'complaint-rate',
  'complaint-first-response',
  'complaint-resolution-time',
  'resolution-rate',
  'repeat-complaints',
  'audit-pass-rate',
  'training-coverage',
  'repurchase-rate',
  'employee-satisfaction',
] as const;

// What the fuzzer found (FUZZ_SEED 1 to 12), sent on every run whatever the seed draws: each was a 500
// or a 2xx for a body its schema refuses before the fix named beside it (docs/api.md, "Fuzzing").
import { validComplaint, validCustomer } from '@cx/testing';
import { type FuzzCase, UNKNOWN_UUID } from './cases';

export interface FoundCase extends FuzzCase {
  service: string;
  method: string;
  /** The 400 names this field. */
  names: string;
}

const metrics = { satisfaction: 1, compliance: 1, complaintHandling: 1, training: 1 };

export const FOUND: FoundCase[] = [
  {
    // ScorecardPolicyDto: IsNested instead of a bare ValidateNested, which let undefined and [] through.
    service: 'training',
    method: 'PUT',
    what: 'scorecard policy without minSamples (was a 500)',
    url: '/api/v1/admin/policies/scorecard',
    body: { weights: metrics, starCount: 1 },
    names: 'minSamples',
  },
  {
    service: 'training',
    method: 'PUT',
    what: 'scorecard policy with weights as a list (was a 200)',
    url: '/api/v1/admin/policies/scorecard',
    body: { weights: [], minSamples: metrics, starCount: 1 },
    names: 'weights',
  },
  {
    // PutRepairServiceDto: IsMinorAmount (the bigint column overflowed).
    service: 'aftersales',
    method: 'PUT',
    what: 'repair price of 1e308 (was a 500)',
    url: '/api/v1/admin/policies/repair-prices/fuzz-service',
    body: { name: 'Fuzz', labourMinor: 1e308, currency: 'CNY', active: true },
    names: 'labourMinor',
  },
  {
    // CustomerService.checkBirthday: an empty string is checked, not taken for an absent birthday.
    service: 'crm',
    method: 'POST',
    what: 'customer with an empty birthday (was a 500)',
    url: '/api/v1/customers',
    body: validCustomer({ birthday: '' }),
    names: 'birthday',
  },
  {
    // CreateComplaintDto: IsNested for the complainant.
    service: 'complaints',
    method: 'POST',
    what: 'complaint with the complainant as a list (was a 201)',
    url: '/api/v1/complaints',
    body: { ...validComplaint(), customerId: UNKNOWN_UUID, complainant: [] },
    names: 'complainant',
  },
  {
    // The platform's pipe: NUL and lone surrogates are refused before they reach Postgres.
    service: 'training',
    method: 'POST',
    what: 'reward title with a NUL character (was a 500)',
    url: '/api/v1/admin/rewards',
    body: { title: 'a\u0000b' },
    names: 'title',
  },
  {
    service: 'crm',
    method: 'POST',
    what: 'customer email with a lone surrogate (was a 500)',
    url: '/api/v1/customers',
    body: validCustomer({ email: '\ud800' }),
    names: 'email',
  },
  {
    // ResolveIncidentDto: OptionalField, not IsOptional (which let null reach the service).
    service: 'complaints',
    method: 'POST',
    what: 'incident resolved with a null causeCode (was a 500)',
    url: `/api/v1/incidents/${UNKNOWN_UUID}/resolve`,
    body: { summary: 'Fixed', customerMessage: 'Sorry', causeCode: null },
    names: 'causeCode',
  },
  {
    // CalendarDto: the same for holidays.
    service: 'complaints',
    method: 'PUT',
    what: 'calendar with null holidays (was a 500)',
    url: '/api/v1/admin/policies/calendars/SH-404',
    body: {
      timeZone: 'Asia/Shanghai',
      weekly: { '1': [{ from: '09:00', to: '18:00' }] },
      holidays: null,
    },
    names: 'holidays',
  },
  {
    // SlaRuleDto: OptionalField for businessHours (found once ids of this run's rows were used).
    service: 'complaints',
    method: 'PUT',
    what: 'SLA rule with null businessHours (was a 500)',
    url: `/api/v1/admin/policies/sla-rules/${UNKNOWN_UUID}`,
    body: { businessHours: null },
    names: 'businessHours',
  },
  {
    // UpdateCustomerDto: OptionalField for name (not nullable, unlike phone or email).
    service: 'crm',
    method: 'PATCH',
    what: 'customer name set to null (was a 500)',
    url: `/api/v1/customers/${UNKNOWN_UUID}`,
    body: { name: null },
    names: 'name',
  },
];

// Codes, references and timestamps come from the shared vocabulary (IsCode, IsText, IsTimestamp of
// @cx/contracts, IsPlainRef of @cx/platform), not from patterns of this service.
/** 'HH:MM' on a 24-hour clock; '24:00' only as the end of a range (closing at midnight). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOCK_TIME_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** Upper bound for any SLA target: a year. */
export const MAX_SLA_HOURS = 8760;

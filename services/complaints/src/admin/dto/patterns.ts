/** A kebab code: categories, departments, escalation targets (as the intake DTO writes categories). */
export const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A store id as intake accepts it. */
export const STORE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
/** A store id, or '*' for the default calendar. */
export const STORE_ID_OR_DEFAULT = /^(\*|[A-Za-z0-9][A-Za-z0-9._:/-]{0,63})$/;
/** 'HH:MM' on a 24-hour clock; '24:00' only as the end of a range (closing at midnight). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOCK_TIME_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** Upper bound for any SLA target: a year. */
export const MAX_SLA_HOURS = 8760;

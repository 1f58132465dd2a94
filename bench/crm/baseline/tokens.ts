export const DATA_SOURCE = 'DATA_SOURCE';
export const PURCHASE_REPOSITORY = 'PURCHASE_REPOSITORY';
export const EVENTS_CLIENT = 'EVENTS_CLIENT';
/** The bench's NATS namespace ("t…."), so runs sharing the server do not see each other's events. */
export const SUBJECT_PREFIX = 'SUBJECT_PREFIX';

/** Node socket errors that mean the database server cannot be reached. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** SQLSTATE classes of a database that is away or refusing work: connection (08), resources (53), operator (57), system (58). */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58']);
/** What pg and pg-pool say when a connection cannot be had or was lost (they set no code). */
const LOST =
  /timeout exceeded when trying to connect|connection terminated|connection is closed|connection error|not queryable/i;

/**
 * True when an error says the database is unreachable or refusing work, rather than that this
 * statement or its data was wrong: trying again with other data would fail the same way.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string') {
    if (SOCKET_ERRORS.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code)) return UNAVAILABLE_CLASSES.has(e.code.slice(0, 2));
  }
  return typeof e.message === 'string' && LOST.test(e.message);
}

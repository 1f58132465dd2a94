import { isServiceName, ServiceName } from './services';

/**
 * Subject naming rule.
 * - Events:   `evt.<service>.<aggregate>.<event>.v<major>` (5 tokens), e.g. `evt.complaints.complaint.resolved.v1`.
 * - Requests: `rpc.<service>.<operation>.v<major>` (4 tokens), e.g. `rpc.crm.get-customer-tier.v1`.
 * Name tokens are lower-case kebab (`[a-z][a-z0-9-]*`), `<service>` is one of SERVICES, and major >= 1
 * (no leading zero). Events and requests live under different roots so that a stream bound to
 * `evt.<service>.>` never captures a request.
 */
export type ParsedSubject =
  | { kind: 'event'; service: ServiceName; aggregate: string; event: string; major: number }
  | { kind: 'request'; service: ServiceName; operation: string; major: number };

const TOKEN = /^[a-z][a-z0-9-]*$/;
const VERSION = /^v([1-9][0-9]{0,5})$/;

export function isNameToken(token: string): boolean {
  // A trailing or doubled hyphen is legal for NATS but reads like a typo; kebab means words joined by one hyphen.
  return TOKEN.test(token) && !token.endsWith('-') && !token.includes('--');
}

export function parseSubject(subject: string): ParsedSubject | null {
  if (typeof subject !== 'string') return null;
  const tokens = subject.split('.');
  const root = tokens[0];
  const version = VERSION.exec(tokens[tokens.length - 1] ?? '');
  if (!version) return null;
  const major = Number(version[1]);
  const names = tokens.slice(1, -1);
  if (!names.every(isNameToken)) return null;
  const [service, a, b] = names;
  if (service === undefined || !isServiceName(service)) return null;
  if (root === 'evt' && tokens.length === 5 && a !== undefined && b !== undefined) {
    return { kind: 'event', service, aggregate: a, event: b, major };
  }
  if (root === 'rpc' && tokens.length === 4 && a !== undefined) {
    return { kind: 'request', service, operation: a, major };
  }
  return null;
}

function checked(subject: string): string {
  if (!parseSubject(subject)) throw new Error(`"${subject}" breaks the subject naming rule`);
  return subject;
}

export function eventSubject(service: ServiceName, aggregate: string, event: string, major: number): string {
  return checked(`evt.${service}.${aggregate}.${event}.v${major}`);
}

export function requestSubject(service: ServiceName, operation: string, major: number): string {
  return checked(`rpc.${service}.${operation}.v${major}`);
}

/** The JetStream stream holding every event a service produces: `EVT_CRM`. */
export function streamName(service: ServiceName): string {
  return `EVT_${service.toUpperCase()}`;
}

/** The subject filter of that stream: `evt.crm.>`. */
export function streamSubjects(service: ServiceName): string {
  return `evt.${service}.>`;
}

/** The service whose stream (or queue group) a subject belongs to, or null when the subject breaks the rule. */
export function producerOf(subject: string): ServiceName | null {
  return parseSubject(subject)?.service ?? null;
}

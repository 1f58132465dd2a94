// The authorization matrix of docs/api.md as rows: which caller each operation lets through. Read by
// test/authz/matrix.spec.ts (which checks it against the guards) and test/fuzz (which calls each
// operation as a caller its row allows).
import { Role } from '@cx/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOC = join(__dirname, '../../docs/api.md');
const HEADING = '### Authorization matrix';
/** The `service` cell of a route every service has (the platform's). */
export const EVERY = 'every';

export const CALLERS = [
  'no token',
  'system',
  'agent',
  'technician',
  'auditor',
  'lead (own dept)',
  'lead (other dept)',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];
const HEADER = ['service', 'operation', ...CALLERS];

export interface Row {
  service: string;
  /** `METHOD /path` with OpenAPI's `{param}` templates. */
  operation: string;
  allows: Record<Caller, boolean>;
  line: number;
}

/** The first table under the matrix heading; `✓` lets the caller through, `✗` refuses (401 or 403). */
export function parseMatrix(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start < 0) throw new Error(`docs/api.md has no "${HEADING}" section`);
  let i = lines.findIndex((l, n) => n > start && l.trim().startsWith('|'));
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const header = cells(lines[i]);
  if (JSON.stringify(header) !== JSON.stringify(HEADER))
    throw new Error(`the matrix header must be | ${HEADER.join(' | ')} |, not | ${header.join(' | ')} |`);
  i += 2; // the delimiter row
  const rows: Row[] = [];
  for (; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const [service, operation, ...marks] = cells(lines[i]);
    const where = `docs/api.md line ${i + 1}`;
    if (marks.length !== CALLERS.length) throw new Error(`${where}: ${CALLERS.length} caller cells expected`);
    const allows = {} as Record<Caller, boolean>;
    CALLERS.forEach((caller, n) => {
      if (marks[n] !== '✓' && marks[n] !== '✗') throw new Error(`${where}: "${marks[n]}" is neither ✓ nor ✗`);
      allows[caller] = marks[n] === '✓';
    });
    const op = /^`([A-Z]+ \/\S*)`$/.exec(operation);
    if (!op) throw new Error(`${where}: the operation must read \`METHOD /path\`, not ${operation}`);
    rows.push({ service, operation: op[1], allows, line: i + 1 });
  }
  return rows;
}

/** The rows of docs/api.md's matrix. */
export function readMatrix(): Row[] {
  return parseMatrix(readFileSync(DOC, 'utf8'));
}

/** A service's row for an operation, or the platform's row every service shares. */
export function rowOf(rows: Row[], service: string, operation: string): Row | undefined {
  return (
    rows.find((r) => r.service === service && r.operation === operation) ??
    rows.find((r) => r.service === EVERY && r.operation === operation)
  );
}

/** Each caller as a request option of the harness (which mints the token). */
export function callerOf(caller: Caller, service: string): { as?: Role; dept?: string } {
  if (caller === 'no token') return {};
  if (caller === 'lead (own dept)') return { as: 'lead', dept: service };
  if (caller === 'lead (other dept)') return { as: 'lead', dept: service === 'crm' ? 'complaints' : 'crm' };
  return { as: caller };
}

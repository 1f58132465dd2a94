// The console's pages, the service each reads and the GET operations it calls. Whether a signed-in caller
// sees a page follows the authorization matrix (api/access.ts, generated from docs/api.md): a page is
// shown only when every operation it calls lets the caller through, and a form only when its operation
// does. The services still enforce it.
import { createContext, useContext } from 'react';
import { ACCESS, Caller } from './api/access';
import type { Service } from './api/client';
import type { Session } from './auth';
import type { Key } from './messages';

export interface PageDef {
  key: 'scorecard' | 'reports' | Service;
  path: string;
  title: Key;
  service: Service;
  operations: readonly string[];
}

export const PAGES: readonly PageDef[] = [
  {
    key: 'scorecard',
    path: '/scorecard',
    title: 'page.scorecard',
    service: 'training',
    operations: [
      'GET /api/v1/admin/company-scorecard',
      'GET /api/v1/admin/scorecards/{month}/stores',
      'GET /api/v1/admin/scorecards/{month}/employees',
    ],
  },
  {
    key: 'complaints',
    path: '/complaints',
    title: 'page.complaints',
    service: 'complaints',
    operations: [
      'GET /api/v1/admin/analytics/kpis',
      'GET /api/v1/admin/analytics/hot-spots',
      'GET /api/v1/admin/analytics/counts',
      'GET /api/v1/admin/alerts',
      'GET /api/v1/work-queue/counts',
      'GET /api/v1/incidents',
    ],
  },
  {
    key: 'crm',
    path: '/crm',
    title: 'page.crm',
    service: 'crm',
    operations: [
      'GET /api/v1/admin/analytics/tiers',
      'GET /api/v1/admin/analytics/repurchase',
      'GET /api/v1/admin/analytics/points',
      'GET /api/v1/admin/analytics/segments',
    ],
  },
  {
    key: 'aftersales',
    path: '/aftersales',
    title: 'page.aftersales',
    service: 'aftersales',
    operations: ['GET /api/v1/admin/analytics/kpis', 'GET /api/v1/returns', 'GET /api/v1/repairs'],
  },
  {
    key: 'surveys',
    path: '/surveys',
    title: 'page.surveys',
    service: 'surveys',
    operations: [
      'GET /api/v1/admin/scores',
      'GET /api/v1/admin/scores/trends',
      'GET /api/v1/admin/audits/pass-rates',
      'GET /api/v1/admin/audits/corrective-actions',
    ],
  },
  {
    key: 'training',
    path: '/training',
    title: 'page.training',
    service: 'training',
    operations: [
      'GET /api/v1/admin/coverage',
      'GET /api/v1/admin/coverage/overdue',
      'GET /api/v1/admin/scorecards/awards',
      'GET /api/v1/admin/analytics/training',
    ],
  },
  {
    key: 'reports',
    path: '/reports',
    title: 'page.reports',
    service: 'surveys',
    operations: ['GET /api/v1/cx-reports', 'GET /api/v1/cx-reports/{id}', 'GET /api/v1/improvement-measures'],
  },
];

/** How the matrix names the caller a session is, for a service (one per role the token carries). */
function callersOf(session: Session, service: Service): Caller[] {
  return session.roles.map((role): Caller => {
    if (role === 'lead') return session.dept === service ? 'lead (own dept)' : 'lead (other dept)';
    return role as Caller;
  });
}

/** Whether the matrix lets the caller call `operation` (`METHOD /path`) of `service`. */
export function mayCall(session: Session, service: Service, operation: string): boolean {
  const row = ACCESS.find((r) => r.service === service && r.operation === operation);
  if (!row) throw new Error(`docs/api.md has no row for ${service} ${operation}`);
  const callers = callersOf(session, service);
  return callers.some((caller) => row.allows.includes(caller));
}

export function mayOpen(page: PageDef, session: Session): boolean {
  return page.operations.every((operation) => mayCall(session, page.service, operation));
}

export const visiblePages = (session: Session) => PAGES.filter((page) => mayOpen(page, session));

/** The signed-in caller, for the views that show or hide a form by it. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

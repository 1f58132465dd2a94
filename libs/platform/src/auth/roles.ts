/**
 * Who calls the API. `system`: an integrating enterprise system (POS, ERP); `agent`: front-line
 * staff; `technician`: repairs; `auditor`: mystery shopper; `lead`: a department lead, with a
 * `dept` claim naming the service they lead; `admin`: everything.
 */
export const ROLES = ['system', 'agent', 'technician', 'auditor', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** The authenticated caller, as read from a verified token. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** The department (service name) a lead leads. Always present when roles include 'lead'. */
  dept?: string;
  storeId?: string;
  name?: string;
}

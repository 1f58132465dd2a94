/** The five services that talk over NATS. Order is the documentation order, not a priority. */
export const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(x: string): x is ServiceName {
  return (SERVICES as readonly string[]).includes(x);
}

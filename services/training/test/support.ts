import { ServiceHarness } from '@cx/testing';

/** HR's record of an employee, as POST /api/v1/employees takes it: defaults with a test's own values. */
export function staffRecord(employeeId: string, over: Record<string, unknown> = {}) {
  return {
    employeeId,
    name: 'Staff',
    storeId: 'SH-001',
    department: 'sales',
    role: 'sales-associate',
    hireDate: '2026-01-05',
    ...over,
  };
}

/** HR sends the employee (the system role); fails the test unless it is created. */
export async function hire(
  h: ServiceHarness,
  employeeId: string,
  over: Record<string, unknown> = {},
): Promise<void> {
  const res = await h.request('POST', '/api/v1/employees', {
    as: 'system',
    body: staffRecord(employeeId, over),
  });
  if (res.statusCode !== 201) throw new Error(`hiring ${employeeId} answered ${res.statusCode}: ${res.body}`);
}

/** Publishes event envelopes as their producer would, and waits until the service has handled every one (in any order). */
export async function deliver(
  h: ServiceHarness,
  ...envelopes: { id: string; type: string }[]
): Promise<void> {
  for (const env of envelopes) await h.publishRaw(env.type, JSON.stringify(env));
  await h.handled(envelopes.map((e) => e.id));
}

/** The lead creates a course (defaults: internal, an hour, no points, no assessment); fails the test unless created. */
export async function createCourse(
  h: ServiceHarness,
  code: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await h.request('POST', '/api/v1/admin/courses', {
    as: 'lead',
    body: {
      code,
      title: code,
      topic: 'service-etiquette',
      format: 'internal',
      durationMinutes: 60,
      points: 0,
      ...over,
    },
  });
  if (res.statusCode !== 201)
    throw new Error(`creating course ${code} answered ${res.statusCode}: ${res.body}`);
  return res.json<{ id: string }>().id;
}

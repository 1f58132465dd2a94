// The HTTP API takes codes, references, times and texts by the contracts' rules: nothing it accepts
// can fail a contract when its event is published (a 500 after the write was already decided).
import { Subjects } from '@cx/contracts';
import { validCategory, validComplaint } from '@cx/testing';
import { ComplaintsHarness, Response } from './support';

describe('one validation vocabulary (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const fieldsOf = (r: Response): string[] => {
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    return (r.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field);
  };
  const file = (over: Record<string, unknown>) =>
    h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint(over) });
  const status = (id: string, body: Record<string, unknown>) =>
    h.request('POST', `/api/v1/complaints/${id}/status`, { as: 'agent', body });

  it('refuses a category code the contracts refuse, at the admin API and at intake', async () => {
    const created = await h.request('POST', '/api/v1/admin/policies/categories', {
      as: 'lead',
      body: validCategory({ code: '2-day-delay', name: 'Two-day delay' }),
    });
    expect(created.statusCode).toBe(400);
    expect(fieldsOf(created)).toEqual(['code']);

    // A category stored before the rule (or by hand): filing in it is a 400, never a 500 at publish time.
    await h.changePolicyRows(
      `INSERT INTO complaint_category (code, name, parent_code, major, department) VALUES ('2-day-delay', 'Two-day delay', NULL, false, 'logistics')`,
    );
    const filed = await file({ category: '2-day-delay' });
    expect(filed.statusCode).toBe(400);
    expect(fieldsOf(filed)).toEqual(['category']);
    expect(await h.sql(`SELECT 1 FROM complaint`)).toEqual([]);
  });

  it('refuses department and escalation codes the contracts refuse', async () => {
    const c = (await file({})).json<{ id: string }>();
    const assigned = await h.request('POST', `/api/v1/complaints/${c.id}/assign`, {
      as: 'agent',
      body: { department: 'Quality Team' },
    });
    expect(assigned.statusCode).toBe(400);
    expect(fieldsOf(assigned)).toEqual(['department']);
    expect(fieldsOf(await file({ departments: ['quality', '-logistics'] }))).toEqual(['departments']);
  });

  it('refuses a time without a zone offset instead of reading it in the server zone', async () => {
    const r = await file({ receivedAt: '2026-11-01T10:00:00' });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)).toEqual(['receivedAt']);
    const withZone = await file({ receivedAt: new Date(h.clock.now().getTime() - 60_000).toISOString() });
    expect(withZone.statusCode).toBe(201);
  });

  it('refuses blank text where text is required: a resolution summary of only spaces', async () => {
    const c = (await file({})).json<{ id: string }>();
    const r = await status(c.id, { status: 'resolved', summary: '   ' });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)).toEqual(['summary']);
    expect(fieldsOf(await file({ description: ' \n\t ' }))).toEqual(['description']);
    expect((await status(c.id, { status: 'resolved', summary: 'Zip replaced.' })).statusCode).toBe(200);
    const [resolved] = await h.outbox(Subjects.complaints.complaintResolved);
    expect(resolved.data.resolutionSummary).toBe('Zip replaced.');
  });

  it('keeps a customer-visible comment within what complaint.updated can carry; internal notes may be longer', async () => {
    const c = (await file({})).json<{ id: string }>();
    const comment = (visibility: string, body: string) =>
      h.request('POST', `/api/v1/complaints/${c.id}/comments`, { as: 'agent', body: { visibility, body } });
    const long = 'x'.repeat(2500);
    const refused = await comment('customer', long);
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual(['body']);
    expect((await comment('internal', long)).statusCode).toBe(201);
    expect((await comment('customer', 'y'.repeat(2000))).statusCode).toBe(201);
  });
});

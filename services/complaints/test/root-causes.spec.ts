import { contracts, Subjects } from '@cx/contracts';
import { DAY_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { CorrectiveActionService } from '../src/improvement/corrective-action.service';
import { ComplaintsHarness } from './support';

describe('root causes and corrective actions (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async () =>
    (await h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint() })).json();
  const post = (url: string, body: unknown, as: 'agent' | 'lead' = 'agent') =>
    h.request('POST', url, { as, body });
  /** The events of one subject about one corrective action, each checked against its contract. */
  const actionEvents = async (subject: string, actionId: string) =>
    (await h.outbox(subject))
      .filter((e) => e.data.actionId === actionId)
      .map((e) => {
        expect(contracts.validatePayload(subject, e.data).ok).toBe(true);
        return e.data;
      });
  const resolvedEvent = async (id: string) =>
    (await h.outbox(Subjects.complaints.complaintResolved)).find((e) => e.data.complaintId === id)?.data;

  it('lets the lead keep the cause taxonomy: list, add, retire; only leads', async () => {
    const list = await h.request('GET', '/api/v1/admin/policies/cause-codes', { as: 'lead' });
    expect(list.json().map((c: { code: string }) => c.code)).toContain('product-quality');
    const body = { code: 'supplier-defect', name: 'Supplier defect' };
    expect((await post('/api/v1/admin/policies/cause-codes', body, 'agent')).statusCode).toBe(403);
    const added = await post('/api/v1/admin/policies/cause-codes', body, 'lead');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ ...body, active: true });
    const again = await post('/api/v1/admin/policies/cause-codes', body, 'lead');
    expect(again.json()).toMatchObject({ code: 'CAUSE_CODE_EXISTS', details: { field: 'code' } });
    const retired = await h.request('PATCH', '/api/v1/admin/policies/cause-codes/other', {
      as: 'lead',
      body: { active: false },
    });
    expect(retired.json()).toEqual({ code: 'other', name: 'Other', active: false });
    expect(
      (
        await h.request('PATCH', '/api/v1/admin/policies/cause-codes/nope', {
          as: 'lead',
          body: { active: false },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('records the cause and the responsible department at resolution, in the view, the case file and the resolved event', async () => {
    const c = await create();
    const res = await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'resolved',
      summary: 'Jacket replaced',
      causeCode: 'supplier-defect',
      responsibleDepartment: 'quality',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ causeCode: 'supplier-defect', responsibleDepartment: 'quality' });
    expect(await resolvedEvent(c.id)).toMatchObject({
      causeCode: 'supplier-defect',
      responsibleDepartment: 'quality',
    });
    const history = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' })).json();
    expect(history[history.length - 1].details).toMatchObject({
      causeCode: 'supplier-defect',
      responsibleDepartment: 'quality',
    });

    // Without a cause the event carries none (the fields are optional).
    const plain = await create();
    await post(`/api/v1/complaints/${plain.id}/status`, { status: 'resolved', summary: 'Explained' });
    const event = await resolvedEvent(plain.id);
    expect(event).toBeDefined();
    expect(event).not.toHaveProperty('causeCode');
  });

  it('refuses a retired or unknown cause (422), a cause outside resolving and a department without a cause (400)', async () => {
    const c = await create();
    const retired = await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'resolved',
      summary: 'x',
      causeCode: 'other',
    });
    expect(retired.statusCode).toBe(422);
    expect(retired.json()).toMatchObject({ code: 'UNKNOWN_CAUSE_CODE', details: { field: 'causeCode' } });
    const early = await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'in-progress',
      causeCode: 'process',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('causeCode');
    const lonely = await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'resolved',
      summary: 'x',
      responsibleDepartment: 'quality',
    });
    expect(lonely.statusCode).toBe(400);
    expect(lonely.json().errors[0].field).toBe('causeCode');
    expect((await h.sql(`SELECT status FROM complaint WHERE id = $1`, [c.id]))[0].status).toBe('received');
  });

  it('tracks a corrective action to verification: overdue after its due second, reopened when it did not work', async () => {
    const c = await create();
    await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'resolved',
      summary: 'Replaced',
      causeCode: 'product-quality',
      responsibleDepartment: 'quality',
    });
    const past = new Date(h.clock.now().getTime() - 1000).toISOString();
    const bad = await post(`/api/v1/complaints/${c.id}/corrective-actions`, {
      title: 'Switch zip supplier',
      ownerId: 'E-QA-1',
      dueAt: past,
      verification: 'No zip complaints for 30 days',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('dueAt');
    // A title longer than its event carries is refused by name, not a 500 at the event's contract.
    const long = await post(`/api/v1/complaints/${c.id}/corrective-actions`, {
      title: '名'.repeat(201),
      ownerId: 'E-QA-1',
      dueAt: new Date(h.clock.now().getTime() + DAY_MS).toISOString(),
      verification: 'No zip complaints for 30 days',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('title');

    const due = new Date(h.clock.now().getTime() + 7 * DAY_MS);
    const added = await post(`/api/v1/complaints/${c.id}/corrective-actions`, {
      title: 'Switch zip supplier',
      ownerId: 'E-QA-1',
      dueAt: due.toISOString(),
      verification: 'No zip complaints for 30 days',
    });
    expect(added.statusCode).toBe(201);
    const action = added.json();
    expect(action).toMatchObject({
      causeCode: 'product-quality',
      department: 'quality',
      status: 'open',
      overdue: false,
    });
    // What the created and overdue events both tell about the action.
    const facts = {
      actionId: action.id,
      complaintId: c.id,
      causeCode: 'product-quality',
      department: 'quality',
      title: 'Switch zip supplier',
      ownerId: 'E-QA-1',
      dueAt: due.toISOString(),
    };
    expect(await actionEvents(Subjects.complaints.correctiveActionCreated, action.id)).toEqual([
      { ...facts, createdAt: h.clock.now().toISOString() },
    ]);

    const overdue = async () =>
      (await h.request('GET', '/api/v1/admin/corrective-actions?overdue=true', { as: 'lead' }))
        .json()
        .items.map((a: { id: string }) => a.id);
    const sweep = async () =>
      (await h.get(CorrectiveActionService).overdueOnce()).map((a) => a.id).filter((id) => id === action.id);
    const overdueEvents = () => actionEvents(Subjects.complaints.correctiveActionOverdue, action.id);
    h.clock.set(due);
    expect(await overdue()).not.toContain(action.id);
    expect(await sweep()).toEqual([]); // at the due second: on time, no event
    h.clock.advance(1000);
    expect(await overdue()).toContain(action.id);
    expect(await sweep()).toEqual([action.id]);
    expect(await sweep()).toEqual([]); // once per due time
    expect(await overdueEvents()).toEqual([{ ...facts, detectedAt: h.clock.now().toISOString() }]);
    expect((await h.request('GET', '/api/v1/admin/corrective-actions', { as: 'agent' })).statusCode).toBe(
      403,
    );

    const done = await post(`/api/v1/corrective-actions/${action.id}/complete`, {
      outcome: 'Supplier switched',
    });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, outcome: 'Supplier switched' });
    expect(await overdue()).not.toContain(action.id);
    expect(
      (await post(`/api/v1/corrective-actions/${action.id}/complete`, { outcome: 'again' })).statusCode,
    ).toBe(409);

    expect(
      (await post(`/api/v1/corrective-actions/${action.id}/verify`, { effective: true, note: 'ok' }))
        .statusCode,
    ).toBe(403);
    const noDue = await post(
      `/api/v1/corrective-actions/${action.id}/verify`,
      { effective: false, note: 'still' },
      'lead',
    );
    expect(noDue.statusCode).toBe(400);
    expect(noDue.json().errors[0].field).toBe('dueAt');
    const newDue = new Date(h.clock.now().getTime() + 14 * DAY_MS).toISOString();
    const again = await post(
      `/api/v1/corrective-actions/${action.id}/verify`,
      { effective: false, note: 'Six zip complaints since', dueAt: newDue },
      'lead',
    );
    expect(again.json()).toMatchObject({ status: 'open', dueAt: newDue, doneAt: null });
    // Open again with a new due time: overdue again once that passes, a second event.
    h.clock.set(new Date(new Date(newDue).getTime() + 1000));
    expect(await sweep()).toEqual([action.id]);
    expect((await overdueEvents()).map((e) => e.dueAt)).toEqual([due.toISOString(), newDue]);
    await post(`/api/v1/corrective-actions/${action.id}/complete`, { outcome: 'Second supplier audited' });
    const verified = await post(
      `/api/v1/corrective-actions/${action.id}/verify`,
      { effective: true, note: 'No zip complaints in 30 days' },
      'lead',
    );
    expect(verified.json()).toMatchObject({ status: 'verified', verifiedBy: 'u-lead' });
    // One event per verification (completing is not one): not effective with its new due time, then effective.
    const common = {
      actionId: action.id,
      complaintId: c.id,
      causeCode: 'product-quality',
      department: 'quality',
    };
    expect(await actionEvents(Subjects.complaints.correctiveActionVerified, action.id)).toEqual([
      {
        ...common,
        ownerId: 'E-QA-1',
        effective: false,
        dueAt: newDue,
        verifiedBy: 'u-lead',
        verifiedAt: expect.any(String),
      },
      {
        ...common,
        ownerId: 'E-QA-1',
        effective: true,
        verifiedBy: 'u-lead',
        verifiedAt: h.clock.now().toISOString(),
      },
    ]);

    const listed = (
      await h.request('GET', `/api/v1/complaints/${c.id}/corrective-actions`, { as: 'agent' })
    ).json();
    expect(listed.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [action.id, 'verified'],
    ]);
    const actions = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' }))
      .json()
      .map((e: { action: string }) => e.action)
      .filter((a: string) => a.startsWith('corrective-action'));
    expect(actions).toEqual([
      'corrective-action-added',
      'corrective-action-complete',
      'corrective-action-verified-not-effective',
      'corrective-action-complete',
      'corrective-action-verified-effective',
    ]);
    const unknown = await post(`/api/v1/corrective-actions/0190a5b0-0000-7000-8000-000000000000/complete`, {
      outcome: 'x',
    });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'CORRECTIVE_ACTION_NOT_FOUND' });
  });

  it('records the cause on every complaint an incident resolves', async () => {
    const a = await create();
    const incident = (
      await h.request('POST', '/api/v1/incidents', {
        as: 'agent',
        body: { title: 'Batch 42', complaintIds: [a.id] },
      })
    ).json();
    const res = await post(
      `/api/v1/incidents/${incident.id}/resolve`,
      {
        summary: 'Batch withdrawn',
        customerMessage: 'We replace it',
        causeCode: 'supplier-defect',
        responsibleDepartment: 'quality',
      },
      'lead',
    );
    expect(res.statusCode).toBe(200);
    expect(await resolvedEvent(a.id)).toMatchObject({
      causeCode: 'supplier-defect',
      responsibleDepartment: 'quality',
    });
    const [incidentEvent] = (await h.outbox(Subjects.complaints.incidentResolved)).filter(
      (e) => e.data.incidentId === incident.id,
    );
    expect(incidentEvent.data).toMatchObject({
      causeCode: 'supplier-defect',
      responsibleDepartment: 'quality',
      resolvedComplaints: 1,
    });
  });
});

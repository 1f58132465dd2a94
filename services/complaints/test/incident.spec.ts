import { contracts, Subjects } from '@cx/contracts';
import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { DataSource } from 'typeorm';
import { ComplaintRepository } from '../src/complaint/complaint.repository';
import { IncidentService } from '../src/incident/incident.service';
import { ComplaintsHarness } from './support';

const URL = '/api/v1/incidents';

describe('incidents: one cause behind many complaints (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ env: { SPIKE_MIN_COMPLAINTS: '3', SPIKE_WINDOW_HOURS: '24' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const complaint = async (over: Record<string, unknown> = {}) =>
    (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ receivedAt: h.clock.now().toISOString(), ...over }),
      })
    ).json();
  const detect = () => h.get(IncidentService).detectOnce();
  /** The incident's events of one subject, each checked against its contract. */
  const eventsOf = async (subject: string, incidentId: string) =>
    (await h.outbox(subject))
      .filter((e) => e.data.incidentId === incidentId)
      .map((e) => {
        expect(contracts.validatePayload(subject, e.data).ok).toBe(true);
        return e.data;
      });
  const post = (url: string, body: unknown, as: 'agent' | 'lead' = 'agent') =>
    h.request('POST', url, { as, body });

  it('proposes a spike of complaints about one product once, which a lead confirms and resolves with one message', async () => {
    const sku = 'JKT-BATCH-42';
    const a = await complaint({ productSku: sku, storeId: 'SH-001' });
    h.clock.advance(HOUR_MS);
    const b = await complaint({ productSku: sku, storeId: 'BJ-002' });
    const other = await complaint({ productSku: 'SCARF-RED', storeId: 'GZ-003' });
    expect(await detect()).toEqual([]); // two are not a spike
    const c = await complaint({ productSku: sku, storeId: 'GZ-003' });

    const [proposed] = await detect();
    expect(proposed).toMatchObject({
      status: 'proposed',
      source: 'spike-detection',
      productSku: sku,
      title: `3 complaints about product ${sku} within 24 h`,
    });
    expect(await detect()).toEqual([]); // covered now: proposed once
    const got = (await h.request('GET', `${URL}/${proposed.id}`, { as: 'agent' })).json();
    expect(got.complaints.map((x: { id: string }) => x.id)).toEqual([a.id, b.id, c.id]);
    expect((await h.request('GET', `/api/v1/complaints/${a.id}`, { as: 'agent' })).json().incidentId).toBe(
      proposed.id,
    );

    // Only a lead confirms or resolves.
    expect((await post(`${URL}/${proposed.id}/confirm`, {}, 'agent')).statusCode).toBe(403);
    expect(
      (await post(`${URL}/${proposed.id}/resolve`, { summary: 'x', customerMessage: 'y' }, 'lead'))
        .statusCode,
    ).toBe(409);
    expect(await eventsOf(Subjects.complaints.incidentOpened, proposed.id)).toEqual([]); // proposed is not open
    expect((await post(`${URL}/${proposed.id}/confirm`, {}, 'lead')).json().status).toBe('open');
    expect(await eventsOf(Subjects.complaints.incidentOpened, proposed.id)).toEqual([
      {
        incidentId: proposed.id,
        reference: proposed.reference,
        title: proposed.title,
        source: 'spike-detection',
        productSku: sku,
        complaintCount: 3,
        openedBy: 'u-lead',
        openedAt: h.clock.now().toISOString(),
      },
    ]);

    // Unlink one, link another; c is already resolved on its own.
    expect(
      (await post(`${URL}/${proposed.id}/unlink`, { complaintId: b.id })).json().complaints,
    ).toHaveLength(2);
    expect((await post(`${URL}/${proposed.id}/unlink`, { complaintId: b.id })).json().code).toBe(
      'NOT_IN_INCIDENT',
    );
    expect((await post(`${URL}/${proposed.id}/complaints`, { complaintId: other.id })).statusCode).toBe(200);
    await post(`/api/v1/complaints/${c.id}/status`, { status: 'resolved', summary: 'Refunded' });

    const message = 'The zips of batch 42 were faulty: we replace your jacket free of charge.';
    const resolved = await post(
      `${URL}/${proposed.id}/resolve`,
      { summary: 'Batch 42 withdrawn; jackets replaced', customerMessage: message },
      'lead',
    );
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolutionSummary: 'Batch 42 withdrawn; jackets replaced',
    });
    const statuses = await h.sql(
      `SELECT id, status, resolution_summary FROM complaint WHERE id = ANY($1) ORDER BY id`,
      [[a.id, b.id, c.id, other.id]],
    );
    expect(Object.fromEntries(statuses.map((r) => [r.id, [r.status, r.resolution_summary]]))).toEqual({
      [a.id]: ['resolved', 'Batch 42 withdrawn; jackets replaced'],
      [other.id]: ['resolved', 'Batch 42 withdrawn; jackets replaced'],
      [c.id]: ['resolved', 'Refunded'],
      [b.id]: ['received', null],
    });
    const told = (await h.outbox(Subjects.complaints.complaintUpdated)).filter(
      (e) => e.data.customerMessage === message,
    );
    expect(told.map((e) => e.data.complaintId).sort()).toEqual([a.id, other.id].sort());
    const resolvedEvents = (await h.outbox(Subjects.complaints.complaintResolved)).filter((e) =>
      [a.id, other.id].includes(e.data.complaintId),
    );
    expect(resolvedEvents).toHaveLength(2);
    expect(await eventsOf(Subjects.complaints.incidentResolved, proposed.id)).toEqual([
      {
        incidentId: proposed.id,
        reference: proposed.reference,
        resolutionSummary: 'Batch 42 withdrawn; jackets replaced',
        resolvedComplaints: 2, // a and other; c was resolved on its own
        resolvedBy: 'u-lead',
        resolvedAt: h.clock.now().toISOString(),
      },
    ]);

    const timeline = (await h.request('GET', `${URL}/${proposed.id}/timeline`, { as: 'agent' })).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'proposed',
      'complaint-linked',
      'complaint-linked',
      'complaint-linked',
      'confirmed',
      'complaint-unlinked',
      'complaint-linked',
      'resolved',
    ]);
    expect(timeline[7].details).toMatchObject({ resolvedComplaints: [a.id, other.id], alreadyDone: [c.id] });
    const history = (await h.request('GET', `/api/v1/complaints/${a.id}/history`, { as: 'agent' })).json();
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'linked-to-incident',
      'resolved-with-incident',
    ]);

    expect((await post(`${URL}/${proposed.id}/complaints`, { complaintId: b.id })).json().code).toBe(
      'INCIDENT_NOT_OPEN',
    );
  });

  it('dismissing a proposal unlinks its complaints, says so in one event, and is not asked again inside the window', async () => {
    h.clock.advance(48 * HOUR_MS);
    const held: string[] = [];
    for (let i = 0; i < 3; i++)
      held.push((await complaint({ storeId: 'WH-009', productSku: `SKU-${i}` })).id);
    const [proposed] = await detect();
    expect(proposed).toMatchObject({ storeId: 'WH-009', productSku: null });
    const dismissed = await post(`${URL}/${proposed.id}/dismiss`, { reason: 'Unrelated problems' }, 'lead');
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', complaints: [] });
    // Like opening and resolving, the dismissal is announced, with the complaints it let go.
    expect(await eventsOf(Subjects.complaints.incidentDismissed, proposed.id)).toEqual([
      {
        incidentId: proposed.id,
        reference: proposed.reference,
        title: proposed.title,
        source: 'spike-detection',
        storeId: 'WH-009',
        reason: 'Unrelated problems',
        complaintIds: held,
        dismissedBy: 'u-lead',
        dismissedAt: h.clock.now().toISOString(),
      },
    ]);
    expect(await eventsOf(Subjects.complaints.incidentOpened, proposed.id)).toEqual([]);
    // Dismissed once: a second dismissal is refused and announces nothing more.
    expect((await post(`${URL}/${proposed.id}/dismiss`, { reason: 'Again' }, 'lead')).json().code).toBe(
      'INCIDENT_NOT_OPEN',
    );
    expect(await eventsOf(Subjects.complaints.incidentDismissed, proposed.id)).toHaveLength(1);
    expect(
      await h.sql(`SELECT count(*)::int AS n FROM complaint WHERE incident_id = $1`, [proposed.id]),
    ).toEqual([{ n: 0 }]);
    await complaint({ storeId: 'WH-009', productSku: 'SKU-9' });
    expect(await detect()).toEqual([]);
    const list = (await h.request('GET', `${URL}?status=dismissed`, { as: 'lead' })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([proposed.id]);
  });

  it('opens an incident by hand with complaints, idempotently; a complaint belongs to one incident at most', async () => {
    const x = await complaint();
    const y = await complaint();
    const body = { title: 'Store SH-001 card terminals down', storeId: 'SH-001', complaintIds: [x.id] };
    const headers = { 'idempotency-key': 'incident-1' };
    const first = await h.request('POST', URL, { as: 'agent', body, headers });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'open',
      source: 'manual',
      reference: expect.stringMatching(/^I-\d{4}-\d{6}$/),
    });
    const again = await h.request('POST', URL, { as: 'agent', body, headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await eventsOf(Subjects.complaints.incidentOpened, first.json().id)).toEqual([
      expect.objectContaining({
        source: 'manual',
        storeId: 'SH-001',
        complaintCount: 1,
        openedBy: 'u-agent',
      }),
    ]); // once, not again on the replay

    const second = await h.request('POST', URL, {
      as: 'agent',
      body: { title: 'Another', complaintIds: [y.id, x.id] },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('ALREADY_IN_INCIDENT');
    // The whole create rolled back: y is in no incident, and no incident opened.
    expect(
      (await h.outbox(Subjects.complaints.incidentOpened)).filter((e) => e.data.title === 'Another'),
    ).toEqual([]);
    expect(
      (await h.request('GET', `/api/v1/complaints/${y.id}`, { as: 'agent' })).json().incidentId,
    ).toBeNull();
  });

  it('answers 400 naming the field, 404 for an unknown incident or complaint, 401 without a token', async () => {
    const bad = await h.request('POST', URL, { as: 'agent', body: { title: ' ', complaintIds: ['nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['complaintIds', 'title']);
    const unknown = '0190a5b0-0000-7000-8000-000000000000';
    expect((await h.request('GET', `${URL}/${unknown}`, { as: 'agent' })).statusCode).toBe(404);
    const open = (await h.request('POST', URL, { as: 'agent', body: { title: 'T' } })).json();
    expect((await post(`${URL}/${open.id}/complaints`, { complaintId: unknown })).statusCode).toBe(404);
    expect((await h.request('GET', URL)).statusCode).toBe(401);
  });

  it("reads the detection window's complaints through the time index, not the whole table", async () => {
    // 20,000 complaints received over the 40 days before the window: detection must not read them all.
    const now = h.clock.now();
    await h.sql(
      `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, status, owner_id,
         store_id, product_sku, description, received_at, recorded_at, recorded_by, first_response_due_at,
         resolution_due_at, resolution_clock_started_at, first_response_hours, resolution_hours, updated_at)
       SELECT gen_random_uuid(), 'C-W-' || i, 'hotline', 'product-quality', 'medium', 'medium', 'P3', false, 'closed',
         'u-agent', 'SH-001', 'SKU-' || (i % 40), 'The zip broke.', t, t, 'u-agent', t, t, t, 24, 72, t
       FROM generate_series(1, 20000) i, LATERAL (SELECT $1::timestamptz - interval '2 days' - i * interval '3 minutes' AS t) w`,
      [now],
    );
    await h.sql(`ANALYZE complaint`);
    const { sql, params } = h
      .get(ComplaintRepository)
      .recentUnlinkedQuery(new Date(now.getTime() - 24 * HOUR_MS), now, 5);
    const plan = await h.plan(sql, params);
    expect(plan).not.toContain('Seq Scan on complaint');
    expect(plan).toContain('ix_complaint_list');
    await h.sql(`DELETE FROM complaint WHERE reference LIKE 'C-W-%'`);
  });

  it('loads only the complaints of a product or a store with enough of them in the window', async () => {
    h.clock.advance(48 * HOUR_MS); // the earlier tests' complaints leave the window
    const product: { id: string }[] = [];
    for (const store of ['LP-1', 'LP-2', 'LP-3'])
      product.push(await complaint({ productSku: 'LOAD-P', storeId: store }));
    const store: { id: string }[] = [];
    for (const sku of ['LS-A', 'LS-B', 'LS-C'])
      store.push(await complaint({ productSku: sku, storeId: 'LS-1' }));
    await complaint({ productSku: 'LONE', storeId: 'LONE-S' }); // one of its product and of its store
    await complaint({
      productSku: 'LOAD-P',
      storeId: 'LP-1',
      receivedAt: new Date(h.clock.now().getTime() - 30 * HOUR_MS).toISOString(),
    }); // before the window
    const now = h.clock.now();
    const loaded = await h
      .get(ComplaintRepository)
      .recentUnlinked(h.get(DataSource).manager, new Date(now.getTime() - 24 * HOUR_MS), now, 3);
    expect(loaded.map((c) => c.id).sort()).toEqual([...product, ...store].map((c) => c.id).sort());
    expect(loaded.find((c) => c.id === product[0].id)).toEqual({
      id: product[0].id,
      receivedAt: expect.any(Date),
      storeId: 'LP-1',
      productSku: 'LOAD-P',
    });
  });

  it('proposes a spike once with two replicas detecting at once', async () => {
    h.clock.advance(48 * HOUR_MS);
    for (let i = 0; i < 3; i++) await complaint({ productSku: 'TWO-REPLICAS', storeId: `R-${i}` });
    const b = await h.replica({ SPIKE_MIN_COMPLAINTS: '3', INCIDENT_SWEEP_INTERVAL_MS: '3600000' });
    let proposed: unknown[][];
    try {
      proposed = await Promise.all([detect(), b.app.get(IncidentService).detectOnce(), detect()]);
    } finally {
      await b.stop();
    }
    expect(proposed.flat()).toHaveLength(1);
    expect(await h.sql(`SELECT count(*)::int AS n FROM incident WHERE product_sku = 'TWO-REPLICAS'`)).toEqual(
      [{ n: 1 }],
    );
  });
});

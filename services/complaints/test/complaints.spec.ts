import { Subjects } from '@cx/contracts';
import { HOUR_MS } from '@cx/platform';
import { validComplaint, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { ComplaintsHarness } from './support';

describe('complaints service (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (
    over: Record<string, unknown> = {},
    as: 'agent' | 'system' = 'agent',
    headers: Record<string, string> = {},
  ) => h.request('POST', '/api/v1/complaints', { as, body: validComplaint(over), headers });

  describe('intake', () => {
    it('registers a complaint, promises the due times, and encrypts the complainant', async () => {
      const res = await create();
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        status: 'received',
        priority: 'P3',
        ownerId: 'u-agent',
        isRepeat: false,
        channel: 'hotline',
      });
      expect(c.reference).toMatch(/^C-\d{4}-\d{6}$/);
      const received = new Date(c.receivedAt).getTime();
      expect(new Date(c.firstResponseDueAt).getTime() - received).toBe(24 * HOUR_MS);
      expect(new Date(c.resolutionDueAt).getTime() - received).toBe(72 * HOUR_MS);
      expect(c.customerPromise).toContain(c.firstResponseDueAt);
      expect(c).not.toHaveProperty('complainant');

      const [row] = await h.sql<{ complainant_phone: string; phone_hash: string }>(
        `SELECT complainant_phone, phone_hash FROM complaint WHERE id = $1`,
        [c.id],
      );
      expect(row.complainant_phone).toMatch(/^v1\./);
      // The whole number, not a fragment: base64 ciphertext holds any three digits now and then.
      expect(row.complainant_phone).not.toContain('138 0013 8000');
      expect(row.complainant_phone).not.toContain('13800138000');
      expect(row.phone_hash).toMatch(/^[0-9a-f]{64}$/);

      const detail = await h.request('GET', `/api/v1/complaints/${c.id}`, { as: 'agent' });
      expect(detail.json().complainant).toEqual({
        name: 'Li Mei',
        phone: '+86 138 0013 8000',
        email: 'li.mei@example.com',
      });
      const audit = await h.sql(`SELECT action, fields FROM audit_log WHERE subject_id = $1`, [c.id]);
      expect(audit).toEqual([
        { action: 'read', fields: ['complainantName', 'complainantPhone', 'complainantEmail'] },
      ]);

      const events = await h.outbox();
      const mine = events.filter((e) => e.data.complaintId === c.id).map((e) => e.type);
      expect(mine).toEqual([Subjects.complaints.complaintCreated, Subjects.complaints.complaintUpdated]);
    });

    it('accepts a receipt time earlier than the recording (complaint box emptied the next morning)', async () => {
      const receivedAt = new Date(h.clock.now().getTime() - 14 * HOUR_MS).toISOString();
      const c = (await create({ channel: 'store-box', receivedAt })).json();
      expect(c.receivedAt).toBe(receivedAt);
      expect(new Date(c.firstResponseDueAt).getTime()).toBe(new Date(receivedAt).getTime() + 24 * HOUR_MS);
    });

    it('creates nothing new for a retried POST with the same Idempotency-Key', async () => {
      const key = `pos-${randomUUID()}`;
      const body = { orderId: `SO-${randomUUID().slice(0, 8)}` };
      const [a, b] = await Promise.all([
        create(body, 'system', { 'idempotency-key': key }),
        create(body, 'system', { 'idempotency-key': key }),
      ]);
      const c = await create(body, 'system', { 'idempotency-key': key });
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(c.statusCode).toBe(200);
      expect(new Set([a.json().id, b.json().id, c.json().id]).size).toBe(1);
      expect(await h.sql(`SELECT 1 FROM complaint WHERE order_id = $1`, [body.orderId])).toHaveLength(1);

      const other = await create({ orderId: 'SO-different' }, 'system', { 'idempotency-key': key });
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('applies a policy changed behind its back (another replica, psql) from the next intake on', async () => {
      const first = (await create({ channel: 'social' })).json();
      expect(new Date(first.firstResponseDueAt).getTime() - new Date(first.receivedAt).getTime()).toBe(
        24 * HOUR_MS,
      );
      await h.changePolicyRows(
        `INSERT INTO sla_rule (id, priority, channel, tier, first_response_hours, resolution_hours, business_hours)
         VALUES ($1, NULL, 'social', NULL, 2, 10, false)`,
        [randomUUID()],
      );
      const second = (await create({ channel: 'social' })).json();
      expect(new Date(second.firstResponseDueAt).getTime() - new Date(second.receivedAt).getTime()).toBe(
        2 * HOUR_MS,
      );
      await h.changePolicyRows(`DELETE FROM sla_rule WHERE channel = 'social'`);
    });

    it('answers bad input with problem+json naming the field', async () => {
      const res = await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: {
          ...validComplaint(),
          channel: 'fax',
          urgency: 'whenever',
          complainant: { email: 'not-an-email' },
          surprise: 1,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['channel', 'complainant.email', 'surprise', 'urgency']);

      const nobody = await create({ complainant: undefined, customerId: undefined });
      expect(nobody.statusCode).toBe(400);
      expect(nobody.json().errors[0].field).toBe('complainant');

      const unknown = await create({ category: 'not-in-taxonomy' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().code).toBe('UNKNOWN_CATEGORY');

      expect(
        (await h.request('POST', '/api/v1/complaints', { as: 'technician', body: validComplaint() }))
          .statusCode,
      ).toBe(403);
    });

    it('queues complaints from integrating systems for the category department unless a taker is named', async () => {
      expect((await create({}, 'system')).json().ownerId).toBe('queue:quality');
      expect((await create({ takenBy: 'E10023' }, 'system')).json().ownerId).toBe('E10023');
    });
  });

  describe('triage', () => {
    it('raises a VIP customer from the tier read model fed by crm events', async () => {
      const customerId = randomUUID();
      await h.publish(Subjects.crm.customerTierChanged, {
        customerId,
        fromTier: 'silver',
        toTier: 'gold',
        changedAt: new Date().toISOString(),
      });
      await waitFor(
        async () =>
          (await h.sql(`SELECT 1 FROM customer_tier WHERE customer_id = $1`, [customerId])).length === 1,
        10_000,
        'tier read model',
      );
      const c = (await create({ customerId, complainant: undefined })).json();
      expect(c).toMatchObject({ priority: 'P2', isVip: true });
    });

    it('flags major complaints (taxonomy) and multi-department ones', async () => {
      expect((await create({ category: 'safety', urgency: 'low', importance: 'low' })).json()).toMatchObject({
        isMajor: true,
        priority: 'P2',
      });
      expect((await create({ departments: ['quality', 'logistics'] })).json().isMajor).toBe(true);
    });
  });

  describe('life cycle', () => {
    it('follows the state machine and answers 409 to an illegal transition', async () => {
      const c = (await create()).json();
      const move = (status: string, extra: Record<string, unknown> = {}) =>
        h.request('POST', `/api/v1/complaints/${c.id}/status`, { as: 'agent', body: { status, ...extra } });
      const illegal = await move('closed');
      expect(illegal.statusCode).toBe(409);
      expect(illegal.headers['content-type']).toMatch(/problem\+json/);
      expect(illegal.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

      expect(
        (await move('acknowledged', { message: 'We are looking into it.' })).json().firstRespondedAt,
      ).toBeTruthy();
      expect((await move('in-progress')).statusCode).toBe(200);
      const waiting = (
        await move('waiting-for-customer', { message: 'Please send a photo of the zip.' })
      ).json();
      expect(waiting.resolutionDueAt).toBeNull(); // the solution clock stands still
      h.clock.advance(10 * HOUR_MS);
      const back = (await move('in-progress')).json();
      expect(new Date(back.resolutionDueAt).getTime() - new Date(back.receivedAt).getTime()).toBe(
        82 * HOUR_MS,
      );
      expect((await move('resolved')).json().errors[0].field).toBe('summary');
      const resolved = (await move('resolved', { summary: 'Zip replaced free of charge.' })).json();
      expect(resolved.status).toBe('resolved');

      const history = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' })).json();
      expect(history.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['created', 'status-changed', 'sla-paused', 'sla-resumed']),
      );
      const resolvedEvents = await h.outbox(Subjects.complaints.complaintResolved);
      expect(resolvedEvents.filter((e) => e.data.complaintId === c.id)).toHaveLength(1);
    });

    it('keeps the first taker as owner until a transfer is recorded with a reason', async () => {
      const c = (
        await h.request('POST', '/api/v1/complaints', { as: 'agent', sub: 'E1', body: validComplaint() })
      ).json();
      const stranger = await h.request('POST', `/api/v1/complaints/${c.id}/transfer`, {
        as: 'agent',
        sub: 'E2',
        body: { toOwnerId: 'E2', reason: 'taking over' },
      });
      expect(stranger.statusCode).toBe(403);
      const ok = await h.request('POST', `/api/v1/complaints/${c.id}/transfer`, {
        as: 'agent',
        sub: 'E1',
        body: { toOwnerId: 'E3', reason: 'E3 handles zips' },
      });
      expect(ok.json().ownerId).toBe('E3');
      const [entry] = await h.sql(
        `SELECT details FROM complaint_history WHERE complaint_id = $1 AND action = 'transferred'`,
        [c.id],
      );
      expect(entry.details).toEqual({ from: 'E1', to: 'E3', reason: 'E3 handles zips' });
    });
  });

  describe('follow-up', () => {
    it('reopens and escalates on a dissatisfied return visit, and closes on a satisfied one', async () => {
      const a = (await create()).json();
      const b = (await create({ orderId: 'SO-other' })).json();
      for (const id of [a.id, b.id])
        await h.request('POST', `/api/v1/complaints/${id}/status`, {
          as: 'agent',
          body: { status: 'resolved', summary: 'Refunded.' },
        });
      await h.publish(Subjects.surveys.responseSubmitted, {
        subject: { type: 'complaint', id: a.id },
        satisfied: false,
        csat: 1,
      });
      await h.publish(Subjects.surveys.responseSubmitted, {
        subject: { type: 'complaint', id: b.id },
        satisfied: true,
        csat: 5,
      });
      await waitFor(
        async () =>
          (
            await h.sql(`SELECT 1 FROM complaint WHERE id IN ($1, $2) AND satisfaction IS NOT NULL`, [
              a.id,
              b.id,
            ])
          ).length === 2,
        10_000,
        'answers recorded',
      );
      const [ra] = await h.sql(
        `SELECT status, reopen_count, escalation_level, satisfaction FROM complaint WHERE id = $1`,
        [a.id],
      );
      const [rb] = await h.sql(`SELECT status, satisfaction FROM complaint WHERE id = $1`, [b.id]);
      expect(ra).toEqual({
        status: 'reopened',
        reopen_count: 1,
        escalation_level: 1,
        satisfaction: 'dissatisfied',
      });
      expect(rb).toEqual({ status: 'closed', satisfaction: 'satisfied' });
      const updates = (await h.outbox(Subjects.complaints.complaintUpdated))
        .filter((e) => e.data.complaintId === a.id)
        .map((e) => e.data.change);
      expect(updates).toContain('reopened');
      const escalations = (await h.outbox(Subjects.complaints.complaintEscalated)).filter(
        (e) => e.data.complaintId === a.id,
      );
      expect(escalations.map((e) => [e.data.level, e.data.to, e.data.reason])).toEqual([
        [1, 'owner-lead', 'dissatisfied'],
      ]);
      expect(
        (await h.outbox(Subjects.complaints.complaintEscalated)).some((e) => e.data.complaintId === b.id),
      ).toBe(false);
    });

    it('escalates a complaint reopened more often than the policy allows (default: more than twice)', async () => {
      const c = (await create({ orderId: `SO-${randomUUID().slice(0, 8)}` })).json();
      const status = (body: Record<string, unknown>) =>
        h.request('POST', `/api/v1/complaints/${c.id}/status`, { as: 'agent', body });
      const levels: number[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await status({ status: 'resolved', summary: `Attempt ${i + 1}.` })).statusCode).toBe(200);
        const reopened = await status({ status: 'reopened', reason: 'the customer called back' });
        expect(reopened.statusCode).toBe(200);
        levels.push(reopened.json().escalationLevel);
      }
      expect(levels).toEqual([0, 0, 1]);
      const escalations = (await h.outbox(Subjects.complaints.complaintEscalated)).filter(
        (e) => e.data.complaintId === c.id,
      );
      expect(escalations.map((e) => [e.data.level, e.data.to, e.data.reason])).toEqual([
        [1, 'owner-lead', 'reopened-too-often'],
      ]);
    });

    it('dead-letters a malformed survey event and keeps consuming', async () => {
      await h.publishRaw(
        Subjects.surveys.responseSubmitted,
        JSON.stringify({
          id: randomUUID(),
          type: Subjects.surveys.responseSubmitted,
          data: { satisfied: 'maybe' },
        }),
      );
      const customerId = randomUUID();
      await h.publish(Subjects.crm.customerTierChanged, {
        customerId,
        toTier: 'diamond',
        fromTier: 'gold',
        changedAt: new Date().toISOString(),
      });
      await waitFor(
        async () =>
          (await h.sql(`SELECT 1 FROM customer_tier WHERE customer_id = $1`, [customerId])).length === 1,
        10_000,
        'next event',
      );
      const letters = await waitFor(
        async () => {
          const rows = await h.sql<{ reason: string; consumer: string }>(
            `SELECT reason, consumer FROM dead_letter WHERE subject = $1`,
            [Subjects.surveys.responseSubmitted],
          );
          return rows.length ? rows : undefined;
        },
        10_000,
        'dead letter',
      );
      expect(letters[0]).toEqual({ reason: 'contract', consumer: 'complaints__surveys' });
    });
  });

  describe('repeats and duplicates', () => {
    it('flags the same customer with the same category within the window as a repeat', async () => {
      const email = `r-${randomUUID()}@example.com`;
      const first = (await create({ complainant: { email } })).json();
      const second = (await create({ complainant: { email: email.toUpperCase() }, orderId: 'SO-2' })).json();
      expect(second).toMatchObject({ isRepeat: true, repeatOf: first.id });
      const otherTopic = (
        await create({ complainant: { email }, category: 'delivery', productSku: 'OTHER-SKU' })
      ).json();
      expect(otherTopic.isRepeat).toBe(false);
    });

    it('merges a duplicate filed on another channel, keeping both case files', async () => {
      const phone = `+86 139 ${Math.floor(Math.random() * 1e8)}`;
      const hotline = (await create({ complainant: { phone } })).json();
      const email = (await create({ channel: 'email', complainant: { phone } })).json();
      const merged = await h.request('POST', `/api/v1/complaints/${hotline.id}/merge`, {
        as: 'lead',
        body: { duplicateId: email.id },
      });
      expect(merged.statusCode).toBe(200);
      const [dup] = await h.sql(`SELECT status, merged_into FROM complaint WHERE id = $1`, [email.id]);
      expect(dup).toEqual({ status: 'withdrawn', merged_into: hotline.id });
      expect(
        (
          await h.request('POST', `/api/v1/complaints/${hotline.id}/merge`, {
            as: 'lead',
            body: { duplicateId: email.id },
          })
        ).statusCode,
      ).toBe(409);
      const dupHistory = (
        await h.request('GET', `/api/v1/complaints/${email.id}/history`, { as: 'agent' })
      ).json();
      expect(dupHistory.map((e: { action: string }) => e.action)).toEqual(['created', 'merged-into']);
    });
  });

  describe('personal data', () => {
    it('scrubs the complainant when crm erases the customer', async () => {
      const customerId = randomUUID();
      const c = (await create({ customerId })).json();
      await h.publish(Subjects.crm.customerErased, { customerId, requestedBy: 'dpo-1' });
      await waitFor(
        async () =>
          (await h.sql(`SELECT 1 FROM complaint WHERE id = $1 AND complainant_phone IS NULL`, [c.id]))
            .length === 1,
        10_000,
        'scrubbed',
      );
      const [row] = await h.sql(
        `SELECT complainant_name, complainant_email, phone_hash, email_hash, description FROM complaint WHERE id = $1`,
        [c.id],
      );
      expect(row).toMatchObject({
        complainant_name: null,
        complainant_email: null,
        phone_hash: null,
        email_hash: null,
      });
      expect(
        await h.sql(`SELECT 1 FROM audit_log WHERE subject_id = $1 AND action = 'erase'`, [c.id]),
      ).toHaveLength(1);
    });
  });

  describe('lists', () => {
    it('filters and pages with a cursor', async () => {
      const store = `ST-${randomUUID().slice(0, 6)}`;
      for (let i = 0; i < 5; i++) {
        h.clock.advance(1000);
        await create({ storeId: store, urgency: i % 2 ? 'high' : 'low' });
      }
      const page1 = (
        await h.request('GET', `/api/v1/complaints?storeId=${store}&limit=2`, { as: 'agent' })
      ).json();
      expect(page1.items).toHaveLength(2);
      const page2 = (
        await h.request('GET', `/api/v1/complaints?storeId=${store}&limit=2&cursor=${page1.nextCursor}`, {
          as: 'agent',
        })
      ).json();
      const page3 = (
        await h.request('GET', `/api/v1/complaints?storeId=${store}&limit=2&cursor=${page2.nextCursor}`, {
          as: 'agent',
        })
      ).json();
      expect(page3.nextCursor).toBeNull();
      const all = [...page1.items, ...page2.items, ...page3.items];
      expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(5);
      const high = (
        await h.request('GET', `/api/v1/complaints?storeId=${store}&priority=P2`, { as: 'agent' })
      ).json();
      expect(high.items).toHaveLength(2);
      const text = (
        await h.request('GET', `/api/v1/complaints?q=zip&storeId=${store}`, { as: 'agent' })
      ).json();
      expect(text.items).toHaveLength(5);
      expect((await h.request('GET', `/api/v1/complaints?overdue=maybe`, { as: 'agent' })).statusCode).toBe(
        400,
      );
    });
  });
});

describe('complaints intake under concurrent load (one intake transaction at a time)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    // One batch at a time: intakes arriving meanwhile are written together in the next transaction.
    h = await ComplaintsHarness.start({ env: { INTAKE_BATCH_CONCURRENCY: '1' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (
    over: Record<string, unknown> = {},
    as: 'agent' | 'system' = 'agent',
    headers: Record<string, string> = {},
  ) => h.request('POST', '/api/v1/complaints', { as, body: validComplaint(over), headers });

  it('writes concurrent intakes together and answers each as if it had come alone', async () => {
    const run = randomUUID().slice(0, 8);
    const retried = `retry-${run}`;
    const clash = `clash-${run}`;
    const email = `burst-${run}@example.com`;
    const answers = await Promise.all([
      // The same retried request, five times at once: one complaint.
      ...Array.from({ length: 5 }, () =>
        create({ orderId: `SO-${run}-R` }, 'system', { 'idempotency-key': retried }),
      ),
      // One key for two different complaints: the second is refused.
      create({ orderId: `SO-${run}-A` }, 'system', { 'idempotency-key': clash }),
      create({ orderId: `SO-${run}-B` }, 'system', { 'idempotency-key': clash }),
      // Four complaints of one person about one category: the first is new, each later one a repeat.
      ...Array.from({ length: 4 }, (_, i) => create({ complainant: { email }, orderId: `SO-${run}-P${i}` })),
      // Unrelated complaints, each new.
      ...Array.from({ length: 20 }, (_, i) =>
        create({ complainant: { email: `solo-${i}-${run}@example.com` }, orderId: `SO-${run}-S${i}` }),
      ),
    ]);

    const retries = answers.slice(0, 5);
    expect(retries.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    expect(
      answers
        .slice(5, 7)
        .map((r) => r.statusCode)
        .sort(),
    ).toEqual([201, 422]);
    expect(
      answers
        .slice(5, 7)
        .find((r) => r.statusCode === 422)!
        .json().code,
    ).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(answers.slice(7).every((r) => r.statusCode === 201)).toBe(true);
    const burst = answers.slice(7, 11).map((r) => r.json());
    expect(burst.filter((c) => !c.isRepeat)).toHaveLength(1);
    const ids = new Set(burst.map((c) => c.id));
    for (const c of burst.filter((c) => c.isRepeat)) expect(ids.has(c.repeatOf)).toBe(true);
    expect(answers.slice(11).every((r) => r.json().isRepeat === false)).toBe(true);

    const created = answers.filter((r) => r.statusCode === 201).map((r) => r.json());
    expect(new Set(created.map((c) => c.reference)).size).toBe(created.length);
    const rows = await h.sql<{ id: string; tx: string; history: number; events: number }>(
      `SELECT c.id, c.xmin::text AS tx,
              (SELECT count(*)::int FROM complaint_history x WHERE x.complaint_id = c.id) AS history,
              (SELECT count(*)::int FROM outbox o WHERE o.aggregate_id = c.id::text) AS events
       FROM complaint c WHERE c.order_id LIKE $1`,
      [`SO-${run}-%`],
    );
    expect(rows.map((r) => r.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(rows.every((r) => r.history === 1 && r.events === 2)).toBe(true);
    // Group commit: the 28 complaints took far fewer transactions than complaints.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(rows.length / 2);
  });
});

// Customer profiles against the real Postgres and NATS: registration, duplicates, encryption at rest,
// audited reads and role views, consent, the contact and tier requests, merge and erasure.
import { contracts, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RPC_SOURCE_HEADER, RpcClient } from '@cx/platform';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { ServiceHarness, startService, validCustomer } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../src/service';

const NOW = '2026-11-01T02:00:00.000Z';
const URL = '/api/v1/customers';
/** A whole profile (validCustomer gives a fresh phone and email each time: the hashes are unique). */
const valid = (over: Record<string, unknown> = {}) =>
  validCustomer({
    birthday: '1990-02-28',
    gender: 'female',
    preferredSizes: ['M'],
    preferredColours: ['navy'],
    preferredCategories: ['outerwear'],
    consents: [
      { purpose: 'marketing', channel: 'sms', granted: true, source: 'store-form' },
      { purpose: 'surveys', channel: 'email', granted: true, source: 'store-form' },
    ],
    ...over,
  });

describe('customers (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let rpc: RpcClient;

  beforeAll(async () => {
    h = await startService(crmService, { clock: new ManualClock(NOW) });
    rpc = new RpcClient(h.get(NatsClient));
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function create(
    over: Record<string, unknown> = {},
  ): Promise<{ id: string; body: ReturnType<typeof valid> }> {
    const body = valid(over);
    const res = await h.request('POST', URL, { as: 'agent', body });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id, body };
  }

  /**
   * Loyalty's row for the customer, as loyalty writes it (the table is loyalty's: its other required
   * columns get the current time, whatever they are).
   */
  async function setTier(customerId: string, tier: string, since: string): Promise<void> {
    const extra = await h.sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'customer_tier' AND is_nullable = 'NO' AND column_default IS NULL
          AND data_type LIKE 'timestamp%' AND column_name NOT IN ('since')`,
    );
    const cols = extra.map((c) => c.column_name);
    await h.sql(
      `INSERT INTO customer_tier (customer_id, tier, since${cols.map((c) => `, ${c}`).join('')})
       VALUES ($1, $2, $3${cols.map(() => ', now()').join('')})`,
      [customerId, tier, since],
    );
  }

  const audits = (id: string) =>
    h.sql<{ action: string; actor_id: string; actor_role: string; fields: string[]; purpose: string | null }>(
      `SELECT action, actor_id, actor_role, fields, purpose FROM audit_log WHERE subject_type = 'customer' AND subject_id = $1 ORDER BY at, id`,
      [id],
    );

  describe('registration', () => {
    it('registers a customer and answers the masked view, with consents', async () => {
      const body = valid();
      const res = await h.request('POST', URL, { as: 'agent', body });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(res.headers.location).toBe(`${URL}/${created.id}`);
      expect(created).toMatchObject({
        status: 'active',
        masked: true,
        name: null,
        phone: null,
        email: null,
        birthday: null,
        gender: null,
        hasPhone: true,
        hasEmail: true,
        preferredSizes: ['M'],
        registrationChannel: 'membership',
        registrationStoreId: 'SH-001',
        createdAt: NOW,
      });
      expect(created.consents).toEqual([
        { purpose: 'marketing', channel: 'sms', granted: true, changedAt: NOW, source: 'store-form' },
        { purpose: 'surveys', channel: 'email', granted: true, changedAt: NOW, source: 'store-form' },
      ]);
    });

    it('keeps no name, phone, email or birthday in clear text in the table', async () => {
      const { id, body } = await create();
      const [row] = await h.sql<Record<string, unknown>>('SELECT * FROM customer WHERE id = $1', [id]);
      const dump = JSON.stringify(row);
      for (const clear of [
        'Li Mei',
        body.phone,
        body.phone.replace(/\D/g, ''),
        body.email,
        '1990-02-28',
        'female',
      ])
        expect(dump).not.toContain(clear);
      for (const col of ['name', 'phone', 'email', 'birthday', 'gender']) expect(row[col]).toMatch(/^v1\./);
      expect(row.birthday_month_day).toBe(228);
      const all = JSON.stringify(await h.sql('SELECT * FROM customer'));
      expect(all).not.toContain(body.email);
    });

    it('refuses the same phone or email for a second customer, naming the field (also written differently)', async () => {
      const { body } = await create();
      const samePhone = await h.request('POST', URL, {
        as: 'agent',
        body: valid({ phone: body.phone.replace(/ /g, '-') }),
      });
      expect(samePhone.statusCode).toBe(409);
      expect(samePhone.json()).toMatchObject({ code: 'CUSTOMER_CONTACT_TAKEN', details: { field: 'phone' } });
      expect(JSON.stringify(samePhone.json())).not.toContain(body.phone.replace(/\D/g, '').slice(-8));
      const sameEmail = await h.request('POST', URL, {
        as: 'system',
        body: valid({ email: body.email.toUpperCase() }),
      });
      expect(sameEmail.statusCode).toBe(409);
      expect(sameEmail.json().details).toEqual({ field: 'email' });
    });

    it('refuses two concurrent registrations of the same phone: one wins', async () => {
      const body = valid();
      const results = await Promise.all([
        h.request('POST', URL, { as: 'agent', body }),
        h.request('POST', URL, { as: 'agent', body: { ...body, email: 'other@example.com' } }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });

    it('answers a retry with the same Idempotency-Key with the first answer, and refuses the key for another body', async () => {
      const key = randomUUID();
      const body = valid();
      const first = await h.request('POST', URL, { as: 'system', body, headers: { 'idempotency-key': key } });
      const retry = await h.request('POST', URL, { as: 'system', body, headers: { 'idempotency-key': key } });
      expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
      expect(retry.json()).toEqual(first.json());
      const other = await h.request('POST', URL, {
        as: 'system',
        body: valid(),
        headers: { 'idempotency-key': key },
      });
      expect(other.statusCode).toBe(422);
      // the stored answer carries no personal data (ADR 12)
      const stored = JSON.stringify(await h.sql('SELECT * FROM idempotent_request'));
      expect(stored).not.toContain(body.email);
    });

    it('answers a 400 problem naming each bad field', async () => {
      const res = await h.request('POST', URL, {
        as: 'agent',
        body: valid({ email: 'not-an-email', registrationChannel: 'fax', birthday: '1990-02-30' }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['email', 'registrationChannel']);
      const day = await h.request('POST', URL, { as: 'agent', body: valid({ birthday: '1990-02-30' }) });
      expect(day.json().errors).toEqual([
        { field: 'birthday', messages: ['birthday is not a date of the calendar'] },
      ]);
      const none = await h.request('POST', URL, {
        as: 'agent',
        body: valid({ phone: undefined, email: undefined }),
      });
      expect(none.json().errors[0].field).toBe('phone');
      const twice = await h.request('POST', URL, {
        as: 'agent',
        body: valid({
          consents: [
            { purpose: 'marketing', channel: 'sms', granted: true, source: 'app' },
            { purpose: 'marketing', channel: 'sms', granted: false, source: 'app' },
          ],
        }),
      });
      expect(twice.json().errors[0].field).toBe('consents.1');
    });

    it('answers 401 without a token and 403 for a role it does not name', async () => {
      expect((await h.request('GET', URL)).statusCode).toBe(401);
      expect((await h.request('POST', URL, { body: valid() })).statusCode).toBe(401);
      expect((await h.request('POST', URL, { as: 'auditor', body: valid() })).statusCode).toBe(403);
      expect((await h.request('POST', URL, { as: 'lead', body: valid() })).statusCode).toBe(403);
    });
  });

  describe('reads, audited, by role', () => {
    it('shows system and agent the personal fields, audited with who, which customer and why', async () => {
      const { id, body } = await create();
      const res = await h.request('GET', `${URL}/${id}?purpose=complaint%20C-2026-000123`, { as: 'agent' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        masked: false,
        name: 'Li Mei',
        phone: body.phone.replace(/[^+\d]/g, ''),
        email: body.email,
        birthday: '1990-02-28',
        gender: 'female',
      });
      const entries = await audits(id);
      expect(entries.at(-1)).toEqual({
        action: 'read',
        actor_id: 'u-agent',
        actor_role: 'agent',
        fields: ['name', 'phone', 'email', 'birthday', 'gender'],
        purpose: 'complaint C-2026-000123',
      });
      // the registration itself is on record too
      expect(entries[0]).toMatchObject({ action: 'update', purpose: 'registration' });
    });

    it('requires a purpose of callers who see personal data, and records nothing without one', async () => {
      const { id } = await create();
      const before = (await audits(id)).length;
      const res = await h.request('GET', `${URL}/${id}`, { as: 'system' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('purpose');
      expect(await audits(id)).toHaveLength(before);
    });

    it("shows the crm lead the masked view (no personal data, nothing to audit), and refuses another service's lead", async () => {
      const { id } = await create();
      const before = (await audits(id)).length;
      const res = await h.request('GET', `${URL}/${id}`, { as: 'lead' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        masked: true,
        name: null,
        phone: null,
        email: null,
        hasPhone: true,
      });
      expect(await audits(id)).toHaveLength(before);
      expect((await h.request('GET', `${URL}/${id}`, { as: 'lead', dept: 'complaints' })).statusCode).toBe(
        403,
      );
      const list = await h.request('GET', `${URL}?limit=5`, { as: 'lead' });
      expect(list.statusCode).toBe(200);
      expect(
        list.json().items.every((c: { masked: boolean; phone: null }) => c.masked && c.phone === null),
      ).toBe(true);
    });

    it('finds by phone or email through the hash, audited, and answers 404 naming the field', async () => {
      const { id, body } = await create();
      const byPhone = await h.request('POST', `${URL}/search`, {
        as: 'agent',
        body: { phone: body.phone.replace(/ /g, ''), purpose: 'caller on the hotline' },
      });
      expect(byPhone.statusCode).toBe(200);
      expect(byPhone.json()).toMatchObject({ id, email: body.email });
      const byEmail = await h.request('POST', `${URL}/search`, {
        as: 'system',
        body: { email: body.email.toUpperCase(), purpose: 'e-shop login' },
      });
      expect(byEmail.json().id).toBe(id);
      expect((await audits(id)).slice(-2).map((a) => [a.action, a.actor_id, a.purpose])).toEqual([
        ['read', 'u-agent', 'caller on the hotline'],
        ['read', 'u-system', 'e-shop login'],
      ]);
      const missing = await h.request('POST', `${URL}/search`, {
        as: 'agent',
        body: { email: 'nobody@example.com', purpose: 'hotline' },
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().details).toEqual({ field: 'email' });
      const both = await h.request('POST', `${URL}/search`, {
        as: 'agent',
        body: { phone: body.phone, email: body.email, purpose: 'hotline' },
      });
      expect(both.statusCode).toBe(400);
      expect(
        (await h.request('POST', `${URL}/search`, { as: 'lead', body: { email: body.email, purpose: 'x' } }))
          .statusCode,
      ).toBe(403);
    });

    it('answers concurrent lookups (read together when they overlap) each with its own customer and audit entry', async () => {
      const made = await Promise.all([create(), create(), create()]);
      const asks = [...made, ...made].map(({ body }, i) => ({
        body: i % 2 ? { email: body.email, purpose: `ask ${i}` } : { phone: body.phone, purpose: `ask ${i}` },
      }));
      asks.push({ body: { phone: '+86 139 0000 0000', purpose: 'ask missing' } });
      const answers = await Promise.all(
        asks.map((a) => h.request('POST', `${URL}/search`, { as: 'agent', body: a.body })),
      );
      expect(answers.map((r) => r.statusCode)).toEqual([...asks.slice(0, -1).map(() => 200), 404]);
      answers.slice(0, -1).forEach((r, i) => {
        const { id, body } = made[i % 3];
        expect(r.json()).toMatchObject({ id, name: body.name, phone: body.phone.replace(/ /g, '') });
        expect(r.json().consents.map((k: { purpose: string }) => k.purpose)).toEqual([
          'marketing',
          'surveys',
        ]);
      });
      for (const [n, { id }] of made.entries())
        expect(
          (await audits(id))
            .filter((a) => a.action === 'read')
            .map((a) => a.purpose)
            .sort(),
        ).toEqual([`ask ${n}`, `ask ${n + 3}`]);
      const upper = await h.request('GET', `${URL}/${made[0].id.toUpperCase()}?purpose=case`, {
        as: 'agent',
      });
      expect(upper.statusCode).toBe(200);
      expect(upper.json().id).toBe(made[0].id);
    });

    it('fails the read, and shows nothing, when its audit entry cannot be written', async () => {
      const { id } = await create();
      await h.sql(
        `ALTER TABLE audit_log ADD CONSTRAINT ck_test_refuse CHECK (purpose IS DISTINCT FROM 'refused')`,
      );
      try {
        const res = await h.request('GET', `${URL}/${id}?purpose=refused`, { as: 'agent' });
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain('Li Mei');
        await expect(
          rpc.request(Subjects.crm.getCustomerContact, { customerId: id, purpose: 'complaint-update' }),
        ).resolves.toMatchObject({ name: 'Li Mei' }); // another purpose is written, and answered
      } finally {
        await h.sql(`ALTER TABLE audit_log DROP CONSTRAINT ck_test_refuse`);
      }
    });

    it('answers 404 for an unknown id', async () => {
      const res = await h.request('GET', `${URL}/${randomUUID()}?purpose=hotline`, { as: 'agent' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CUSTOMER_NOT_FOUND');
    });
  });

  describe('changes', () => {
    it('changes what the PATCH sends, audits the personal fields changed, and keeps the consent history', async () => {
      const { id } = await create();
      h.clock.advance(60_000);
      const res = await h.request('PATCH', `${URL}/${id}`, {
        as: 'agent',
        body: {
          name: 'Li Mei-Wang',
          email: null,
          preferredColours: ['white'],
          consents: [{ purpose: 'marketing', channel: 'sms', granted: false, source: 'unsubscribe-link' }],
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        masked: true,
        hasEmail: false,
        hasPhone: true,
        preferredColours: ['white'],
      });
      expect(res.json().consents[0]).toMatchObject({
        purpose: 'marketing',
        channel: 'sms',
        granted: false,
        source: 'unsubscribe-link',
      });
      expect((await audits(id)).at(-1)).toMatchObject({ action: 'update', fields: ['name', 'email'] });
      const history = await h.request('GET', `${URL}/${id}/consent-history`, { as: 'lead' });
      expect(history.json().map((k: { granted: boolean; source: string }) => [k.granted, k.source])).toEqual([
        [true, 'store-form'],
        [true, 'store-form'],
        [false, 'unsubscribe-link'],
      ]);
      const got = await h.request('GET', `${URL}/${id}?purpose=check`, { as: 'agent' });
      expect(got.json()).toMatchObject({ name: 'Li Mei-Wang', email: null });
      const [row] = await h.sql<{ email_hash: string | null }>(
        'SELECT email_hash FROM customer WHERE id = $1',
        [id],
      );
      expect(row.email_hash).toBeNull();
    });

    it("refuses another customer's phone (409 naming it) and removing the last contact (400)", async () => {
      const a = await create();
      const b = await create();
      const taken = await h.request('PATCH', `${URL}/${b.id}`, {
        as: 'agent',
        body: { phone: a.body.phone },
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().details).toEqual({ field: 'phone' });
      const none = await h.request('PATCH', `${URL}/${b.id}`, {
        as: 'agent',
        body: { phone: null, email: null },
      });
      expect(none.statusCode).toBe(400);
    });
  });

  describe('contact and tier requests over NATS', () => {
    it('answers one purpose at a time, only on the channels consent allows, and audits it', async () => {
      const { id, body } = await create();
      const phone = body.phone.replace(/[^+\d]/g, '');
      // a message about the customer's own complaint needs no marketing consent
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, { customerId: id, purpose: 'complaint-update' }),
      ).resolves.toEqual({
        customerId: id,
        name: 'Li Mei',
        phone,
        email: body.email,
        consent: { marketing: true, sms: true, email: true, phone: true },
      });
      // a survey invitation only where the surveys consent was given: email, not sms or phone
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, { customerId: id, purpose: 'survey-invitation' }),
      ).resolves.toEqual({
        customerId: id,
        name: 'Li Mei',
        email: body.email,
        consent: { marketing: true, sms: false, email: true, phone: false },
      });
      expect((await audits(id)).slice(-2)).toEqual([
        {
          action: 'read',
          actor_id: 'service:crm',
          actor_role: 'system',
          fields: ['name', 'phone', 'email'],
          purpose: 'complaint-update',
        },
        {
          action: 'read',
          actor_id: 'service:crm',
          actor_role: 'system',
          fields: ['name', 'email'],
          purpose: 'survey-invitation',
        },
      ]);
    });

    it('audits which service asked for a contact: the Cx-Source header RpcClient sends', async () => {
      const { id } = await create();
      const nats = h.get(NatsClient);
      await new RpcClient(nats, contracts, 'surveys').request(Subjects.crm.getCustomerContact, {
        customerId: id,
        purpose: 'survey-invitation',
      });
      await new RpcClient(nats, contracts, 'complaints').request(Subjects.crm.getCustomerContact, {
        customerId: id,
        purpose: 'complaint-update',
      });
      // A request sent without the header (or naming no known service) is answered, and audited as unknown.
      const raw = await nats.nc.request(
        nats.naming.subject(Subjects.crm.getCustomerContact),
        JSON.stringify({ customerId: id, purpose: 'complaint-update' }),
        { timeout: 2_000, headers: natsHeaders() },
      );
      expect(raw.json()).toMatchObject({ ok: true, data: { customerId: id } });
      const spoofed = natsHeaders();
      spoofed.set(RPC_SOURCE_HEADER, 'someone; DROP TABLE');
      await nats.nc.request(
        nats.naming.subject(Subjects.crm.getCustomerContact),
        JSON.stringify({ customerId: id, purpose: 'complaint-update' }),
        { timeout: 2_000, headers: spoofed },
      );
      expect((await audits(id)).slice(-4).map((a) => [a.actor_id, a.actor_role, a.purpose])).toEqual([
        ['service:surveys', 'system', 'survey-invitation'],
        ['service:complaints', 'system', 'complaint-update'],
        ['service:unknown', 'system', 'complaint-update'],
        ['service:unknown', 'system', 'complaint-update'],
      ]);
    });

    it('refuses an unknown customer and a purpose the contract does not list', async () => {
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, {
          customerId: randomUUID(),
          purpose: 'complaint-update',
        }),
      ).rejects.toMatchObject({ code: 'REMOTE', remoteCode: 'CUSTOMER_NOT_FOUND' });
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, { customerId: randomUUID(), purpose: 'marketing' }),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    });

    it('answers the tier loyalty keeps, and the lowest tier for a customer without one', async () => {
      const { id } = await create();
      await expect(rpc.request(Subjects.crm.getCustomerTier, { customerId: id })).resolves.toEqual({
        customerId: id,
        tier: 'standard',
      });
      await setTier(id, 'gold', '2026-10-01T00:00:00Z');
      await expect(rpc.request(Subjects.crm.getCustomerTier, { customerId: id })).resolves.toEqual({
        customerId: id,
        tier: 'gold',
        since: '2026-10-01T00:00:00.000Z',
      });
    });
  });
  describe('merge', () => {
    it('points the duplicate to the survivor, keeps both, emits customer.merged, and audits both', async () => {
      const survivor = await create();
      const duplicate = await create({ name: 'Mei Li' });
      const at = h.clock.now().toISOString();
      const res = await h.request('POST', `${URL}/${survivor.id}/merge`, {
        as: 'agent',
        body: { duplicateId: duplicate.id },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: survivor.id, status: 'active', masked: true });
      const dup = await h.request('GET', `${URL}/${duplicate.id}`, { as: 'lead' });
      expect(dup.json()).toMatchObject({ status: 'merged', mergedIntoId: survivor.id, mergedAt: at });
      const events = (await h.outbox(Subjects.crm.customerMerged)).filter(
        (e) => e.data.mergedId === duplicate.id,
      );
      expect(events.map((e) => e.data)).toEqual([
        { survivorId: survivor.id, mergedId: duplicate.id, mergedAt: at },
      ]);
      for (const id of [survivor.id, duplicate.id])
        expect((await audits(id)).at(-1)).toMatchObject({
          action: 'update',
          purpose: `merge ${duplicate.id} into ${survivor.id}`,
        });
      // the duplicate's phone now finds the survivor, and the contact request answers for it
      const found = await h.request('POST', `${URL}/search`, {
        as: 'agent',
        body: { phone: duplicate.body.phone, purpose: 'hotline' },
      });
      expect(found.json().id).toBe(survivor.id);
      // the read is the survivor's (audited), not the duplicate's (only the merge is on its record)
      expect((await audits(survivor.id)).at(-1)).toMatchObject({ action: 'read', purpose: 'hotline' });
      expect((await audits(duplicate.id)).at(-1)).toMatchObject({ action: 'update' });
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, {
          customerId: duplicate.id,
          purpose: 'complaint-update',
        }),
      ).resolves.toMatchObject({ customerId: survivor.id, name: 'Li Mei' });
    });

    it('refuses itself, an unknown duplicate and a record merged already, naming the field', async () => {
      const a = await create();
      const b = await create();
      const self = await h.request('POST', `${URL}/${a.id}/merge`, {
        as: 'agent',
        body: { duplicateId: a.id },
      });
      expect(self.statusCode).toBe(409);
      expect(self.json()).toMatchObject({
        code: 'CUSTOMER_MERGE_REFUSED',
        details: { field: 'duplicateId' },
      });
      const unknown = await h.request('POST', `${URL}/${a.id}/merge`, {
        as: 'agent',
        body: { duplicateId: randomUUID() },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().details).toEqual({ field: 'duplicateId' });
      expect(
        (await h.request('POST', `${URL}/${a.id}/merge`, { as: 'agent', body: { duplicateId: b.id } }))
          .statusCode,
      ).toBe(200);
      const again = await h.request('POST', `${URL}/${b.id}/merge`, {
        as: 'agent',
        body: { duplicateId: a.id },
      });
      expect(again.json().details).toEqual({ field: 'id' });
      const patch = await h.request('PATCH', `${URL}/${b.id}`, { as: 'agent', body: { name: 'X' } });
      expect(patch.json()).toMatchObject({ code: 'CUSTOMER_MERGED', details: { survivorId: a.id } });
      expect(
        (await h.request('POST', `${URL}/${a.id}/merge`, { as: 'lead', body: { duplicateId: b.id } }))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('erasure', () => {
    it('nulls the personal data and its hashes, keeps the record, emits customer.erased and audits it, once', async () => {
      const { id, body } = await create();
      const at = h.clock.now().toISOString();
      const res = await h.request('POST', `${URL}/${id}/erasure`, {
        as: 'agent',
        body: { reason: 'customer request by email' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        status: 'erased',
        erasedAt: at,
        hasPhone: false,
        hasEmail: false,
      });
      const [row] = await h.sql<Record<string, unknown>>('SELECT * FROM customer WHERE id = $1', [id]);
      expect(row).toMatchObject({
        status: 'erased',
        name: null,
        phone: null,
        email: null,
        birthday: null,
        gender: null,
        phone_hash: null,
        email_hash: null,
        birthday_month_day: null,
      });
      const events = (await h.outbox(Subjects.crm.customerErased)).filter((e) => e.data.customerId === id);
      expect(events.map((e) => e.data)).toEqual([{ customerId: id, erasedAt: at, requestedBy: 'customer' }]);
      expect((await audits(id)).at(-1)).toMatchObject({
        action: 'erase',
        actor_id: 'u-agent',
        fields: ['name', 'phone', 'email', 'birthday', 'gender'],
        purpose: 'customer request by email',
      });
      // again: nothing new
      expect(
        (await h.request('POST', `${URL}/${id}/erasure`, { as: 'agent', body: { reason: 'again' } }))
          .statusCode,
      ).toBe(200);
      expect(
        (await h.outbox(Subjects.crm.customerErased)).filter((e) => e.data.customerId === id),
      ).toHaveLength(1);
      // the phone is free for a new registration, and the erased customer has no contact any more
      expect(
        (await h.request('POST', URL, { as: 'agent', body: valid({ phone: body.phone }) })).statusCode,
      ).toBe(201);
      await expect(
        rpc.request(Subjects.crm.getCustomerContact, { customerId: id, purpose: 'complaint-update' }),
      ).rejects.toMatchObject({ remoteCode: 'CUSTOMER_ERASED' });
    });

    it('erases the records merged into the customer with it', async () => {
      const survivor = await create();
      const duplicate = await create();
      await h.request('POST', `${URL}/${survivor.id}/merge`, {
        as: 'system',
        body: { duplicateId: duplicate.id },
      });
      await h.request('POST', `${URL}/${survivor.id}/erasure`, {
        as: 'system',
        body: { reason: 'data subject request' },
      });
      const rows = await h.sql<{ id: string; status: string; phone_hash: string | null }>(
        'SELECT id, status, phone_hash FROM customer WHERE id = ANY($1) ORDER BY id',
        [[survivor.id, duplicate.id]],
      );
      expect(rows.map((r) => [r.status, r.phone_hash])).toEqual([
        ['erased', null],
        ['erased', null],
      ]);
      const erased = (await h.outbox(Subjects.crm.customerErased)).map((e) => e.data.customerId);
      expect(erased).toEqual(expect.arrayContaining([survivor.id, duplicate.id]));
    });

    it('refuses a lead and needs a reason', async () => {
      const { id } = await create();
      expect(
        (await h.request('POST', `${URL}/${id}/erasure`, { as: 'lead', body: { reason: 'x' } })).statusCode,
      ).toBe(403);
      const none = await h.request('POST', `${URL}/${id}/erasure`, { as: 'agent', body: {} });
      expect(none.statusCode).toBe(400);
      expect(none.json().errors[0].field).toBe('reason');
    });
  });
});

import { Subjects } from '@cx/contracts';
import { ManualClock, MINUTE_MS } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { InvitationRepository } from '../src/invitation/invitation.repository';
import { InvitationSender } from '../src/invitation/invitation.sender';
import { surveysService } from '../src/service';
import { invitationsOf, putTrigger, setUpQuestionnaire } from './support';

const RESOLVED_AT = '2026-03-07T16:00:00.000Z';

describe('triggered invitations and answers (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;
  let touchpoint: string;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-03-07T16:30:00Z') });
    ({ questionnaireId, touchpoint } = await setUpQuestionnaire(h));
    await putTrigger(h, 'complaint-resolved', questionnaireId, { priority: 5, delayMinutes: 60 });
    await putTrigger(h, 'repair-completed', questionnaireId, { priority: 3, delayMinutes: 0 });
    await putTrigger(h, 'delivery', questionnaireId, { priority: 9, delayMinutes: 0 });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Publishes a resolved complaint of a new customer; waits for its invitation. */
  async function resolvedComplaint(customerId = randomUUID(), complaintId = randomUUID()) {
    await h.publish(Subjects.complaints.complaintResolved, {
      complaintId,
      customerId,
      resolvedAt: RESOLVED_AT,
    });
    const [inv] = await waitFor(async () => {
      const rows = await invitationsOf(h, customerId);
      return rows.length ? rows : undefined;
    });
    return { customerId, complaintId, inv };
  }

  /** Publishes a completed repair (priority 3) of a customer who has one invitation; waits for the second. */
  async function repairNextDay(customerId: string) {
    await h.publish(Subjects.aftersales.repairCompleted, {
      repairId: randomUUID(),
      customerId,
      completedAt: '2026-03-08T10:00:00Z',
    });
    return waitFor(async () => {
      const rows = await invitationsOf(h, customerId);
      return rows.length === 2 ? rows : undefined;
    });
  }

  it('makes one invitation for a resolved complaint delivered twice, crediting its store and employee', async () => {
    const customerId = randomUUID();
    const complaintId = randomUUID();
    const { inv } = await resolvedComplaint(customerId, complaintId);
    await h.handled([
      await h.publish(Subjects.complaints.complaintResolved, {
        complaintId,
        customerId,
        resolvedAt: RESOLVED_AT,
      }),
    ]);
    expect(await invitationsOf(h, customerId)).toHaveLength(1);
    expect(inv).toMatchObject({
      status: 'scheduled',
      trigger: 'complaint-resolved',
      subject_id: complaintId,
      store_id: 'SH-001',
      employee_id: 'E10023',
      priority: 5,
    });
    expect(new Date(inv.send_at).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(new Date(inv.expires_at).toISOString()).toBe('2026-03-21T17:00:00.000Z');
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives one invitation to a customer two triggers reach inside the fatigue window; the higher priority wins', async () => {
    const { customerId } = await resolvedComplaint();
    // A repair (priority 3) for the same customer the next day: suppressed.
    const afterRepair = await repairNextDay(customerId);
    expect(afterRepair.map((r) => [r.trigger, r.status])).toEqual([
      ['complaint-resolved', 'scheduled'],
      ['repair-completed', 'suppressed'],
    ]);
    // A delivery (priority 9) while the complaint's invitation is still scheduled: it displaces it.
    await h.publish(Subjects.crm.purchaseDelivered, {
      customerId,
      orderId: `SO-${randomUUID().slice(0, 6)}`,
    });
    const afterDelivery = await waitFor(async () => {
      const rows = await invitationsOf(h, customerId);
      return rows.length === 3 ? rows : undefined;
    });
    expect(afterDelivery.map((r) => [r.trigger, r.status])).toEqual([
      ['complaint-resolved', 'suppressed'],
      ['repair-completed', 'suppressed'],
      ['delivery', 'scheduled'],
    ]);
    expect(afterDelivery.filter((r) => r.status === 'scheduled')).toHaveLength(1);
  });

  it('shows the questions at the link and takes one answer, validated against the version, with its event', async () => {
    const { inv, complaintId, customerId } = await resolvedComplaint();
    const url = `/api/v1/public/surveys/${inv.token}`;
    const page = await h.request('GET', url);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: { 'zh-CN': '售后满意度' }, language: 'zh-CN' });
    expect(page.json().questions.map((q: { key: string }) => q.key)).toEqual([
      'overall',
      'why',
      'recommend',
      'channel',
    ]);

    const missing = await h.request('POST', `${url}/answers`, { body: { answers: { recommend: 3 } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'answers.overall', messages: ['is required'] }]);
    const outOfRange = await h.request('POST', `${url}/answers`, { body: { answers: { overall: 6 } } });
    expect(outOfRange.json().errors.map((e: { field: string }) => e.field)).toEqual(['answers.overall']);
    const noFollowUp = await h.request('POST', `${url}/answers`, { body: { answers: { overall: 2 } } });
    expect(noFollowUp.json().errors.map((e: { field: string }) => e.field)).toEqual(['answers.why']);

    const ok = await h.request('POST', `${url}/answers`, {
      body: { answers: { overall: 2, why: '等了两周', recommend: 4, channel: 'store' } },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ csat: 2, nps: 4, satisfied: false, mode: 'online', storeId: 'SH-001' });
    const again = await h.request('POST', `${url}/answers`, { body: { answers: { overall: 5 } } });
    expect([again.statusCode, again.json().code]).toEqual([409, 'INVITATION_ANSWERED']);
    expect((await h.request('GET', url)).statusCode).toBe(409);

    const events = (await h.outbox(Subjects.surveys.responseSubmitted)).filter(
      (e) => e.data.customerId === customerId,
    );
    expect(events.map((e) => e.data)).toEqual([
      {
        responseId: ok.json().id,
        surveyId: questionnaireId,
        trigger: 'complaint-resolved',
        subject: { type: 'complaint', id: complaintId },
        customerId,
        storeId: 'SH-001',
        employeeId: 'E10023',
        touchpoint,
        csat: 2,
        nps: 4,
        satisfied: false,
        comment: '等了两周',
        submittedAt: h.clock.now().toISOString(),
      },
    ]);
  });

  it('takes one of several answers sent to one link at once; the others are 409, with no second response or event', async () => {
    const { inv, customerId } = await resolvedComplaint();
    const url = `/api/v1/public/surveys/${inv.token}/answers`;
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 1, 2, 3].map((overall) =>
        h.request('POST', url, { body: { answers: { overall, ...(overall <= 3 && { why: '慢' }) } } }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const stored = await h.sql<{ n: string }>(
      `SELECT count(*) AS n FROM response r JOIN invitation i ON i.id = r.invitation_id WHERE i.token = $1`,
      [inv.token],
    );
    expect(stored[0].n).toBe('1');
    const events = (await h.outbox(Subjects.surveys.responseSubmitted)).filter(
      (e) => e.data.customerId === customerId,
    );
    expect(events.map((e) => e.data.responseId)).toEqual([
      answers.find((a) => a.statusCode === 201)!.json().id,
    ]);
  });

  it('keeps an invitation answered while its send was finishing answered, with its delivery recorded', async () => {
    const { inv } = await resolvedComplaint();
    await h.sql(`UPDATE invitation SET status = 'sending' WHERE id = $1`, [inv.id]);
    const ok = await h.request('POST', `/api/v1/public/surveys/${inv.token}/answers`, {
      body: { answers: { overall: 5, recommend: 9 } },
    });
    expect(ok.statusCode).toBe(201);
    const deliveryId = randomUUID();
    await h.get(InvitationRepository).finish(inv.id, {
      status: 'sent',
      sentAt: h.clock.now(),
      deliveryId,
      language: 'zh-CN',
    });
    const [row] = await h.sql<{ status: string; delivery_id: string; sent_at: Date | null }>(
      `SELECT status, delivery_id, sent_at FROM invitation WHERE id = $1`,
      [inv.id],
    );
    expect([row.status, row.delivery_id, row.sent_at?.toISOString()]).toEqual([
      'answered',
      deliveryId,
      h.clock.now().toISOString(),
    ]);
  });

  it('keeps an invitation fatigue or consent held back closed to answers (404), and it stays so', async () => {
    const { inv } = await resolvedComplaint();
    for (const status of ['suppressed', 'no-consent']) {
      await h.sql(`UPDATE invitation SET status = $2 WHERE id = $1`, [inv.id, status]);
      const refused = await h.request('POST', `/api/v1/public/surveys/${inv.token}/answers`, {
        body: { answers: { overall: 5 } },
      });
      expect([refused.statusCode, refused.json().code]).toEqual([404, 'INVITATION_NOT_FOUND']);
      const [row] = await h.sql<{ status: string }>(`SELECT status FROM invitation WHERE id = $1`, [inv.id]);
      expect(row.status).toBe(status);
    }
  });

  it('refuses an answer after expiry (410), to the second, and an unknown token (404)', async () => {
    const { inv } = await resolvedComplaint();
    const url = `/api/v1/public/surveys/${inv.token}/answers`;
    const saved = h.clock.now();
    h.clock.set(new Date(new Date(inv.expires_at).getTime() - 1000));
    expect((await h.request('GET', `/api/v1/public/surveys/${inv.token}`)).statusCode).toBe(200);
    h.clock.set(inv.expires_at);
    const late = await h.request('POST', url, { body: { answers: { overall: 5 } } });
    expect([late.statusCode, late.json().code]).toEqual([410, 'INVITATION_EXPIRED']);
    h.clock.set(saved);
    const unknown = await h.request('POST', `/api/v1/public/surveys/${'x'.repeat(43)}/answers`, {
      body: { answers: { overall: 5 } },
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'INVITATION_NOT_FOUND']);
  });

  it('takes an offline answer entered by staff, marked with its mode and who entered it', async () => {
    const res = await h.request('POST', '/api/v1/responses/offline', {
      as: 'agent',
      sub: 'E20002',
      body: {
        questionnaireId,
        mode: 'paper',
        storeId: 'SH-009',
        employeeId: 'E30003',
        answers: { overall: 5 },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      mode: 'paper',
      csat: 5,
      satisfied: true,
      storeId: 'SH-009',
      trigger: 'manual',
    });
    const [row] = await h.sql(`SELECT entered_by, subject_type, subject_id FROM response WHERE id = $1`, [
      res.json().id,
    ]);
    expect(row).toEqual({ entered_by: 'E20002', subject_type: 'store', subject_id: 'SH-009' });
    const bad = await h.request('POST', '/api/v1/responses/offline', {
      as: 'agent',
      body: { questionnaireId, mode: 'letter', storeId: 'SH-009', answers: {} },
    });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['mode']);
    expect(
      (await h.request('POST', '/api/v1/responses/offline', { as: 'auditor', body: {} })).statusCode,
    ).toBe(403);
  });

  it('records an offline answer retried with the same Idempotency-Key once: one response, one event', async () => {
    const key = randomUUID();
    const body = {
      questionnaireId,
      mode: 'phone',
      storeId: 'SH-010',
      employeeId: 'E30004',
      answers: { overall: 4 },
    };
    const send = (b: object, sub = 'E20002') =>
      h.request('POST', '/api/v1/responses/offline', {
        as: 'agent',
        sub,
        body: b,
        headers: { 'idempotency-key': key },
      });
    const first = await send(body);
    const retry = await send({ ...body, answers: { overall: 4 } });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual(first.json());
    const rows = await h.sql(`SELECT id FROM response WHERE store_id = 'SH-010'`);
    expect(rows).toEqual([{ id: first.json().id }]);
    const events = (await h.outbox(Subjects.surveys.responseSubmitted)).filter(
      (e) => e.data.responseId === first.json().id,
    );
    expect(events).toHaveLength(1);

    const reused = await send({ ...body, answers: { overall: 5 } });
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // Keys are per caller: another agent with the same key records their own answer.
    expect((await send(body, 'E20003')).statusCode).toBe(201);
    expect(await h.sql(`SELECT 1 FROM response WHERE store_id = 'SH-010'`)).toHaveLength(2);
    const malformed = await h.request('POST', '/api/v1/responses/offline', {
      as: 'agent',
      body,
      headers: { 'idempotency-key': 'no spaces' },
    });
    expect(malformed.json().errors.map((e: { field: string }) => e.field)).toEqual(['Idempotency-Key']);
  });

  it('postpones sending when crm does not answer, keeping the invitation', async () => {
    const { inv } = await resolvedComplaint();
    const sender = h.get(InvitationSender);
    const due = new Date(new Date(inv.send_at).getTime());
    const counts = await sender.sendDueOnce(due);
    expect(counts.postponed).toBeGreaterThanOrEqual(1);
    const [row] = await h.sql<{ status: string; send_at: Date; note: string }>(
      `SELECT status, send_at, note FROM invitation WHERE id = $1`,
      [inv.id],
    );
    expect(row.status).toBe('scheduled');
    expect(new Date(row.send_at).getTime()).toBe(due.getTime() + 5 * MINUTE_MS);
    expect(row.note).toMatch(/^crm: /);
  });

  it('scrubs free-text answers of an erased customer and unlinks their invitations', async () => {
    const { inv, customerId } = await resolvedComplaint();
    await h.request('POST', `/api/v1/public/surveys/${inv.token}/answers`, {
      body: { answers: { overall: 1, why: '王女士，电话13800000000' } },
    });
    await h.publish(Subjects.crm.customerErased, { customerId });
    const [row] = await waitFor(async () => {
      const rows = await h.sql<{ answers: Record<string, unknown>; customer_id: string | null }>(
        `SELECT answers, customer_id FROM response WHERE invitation_id = $1`,
        [inv.id],
      );
      return rows[0]?.customer_id === null ? rows : undefined;
    });
    expect(row.answers).toEqual({ overall: 1, why: '[erased]' });
    expect(await invitationsOf(h, customerId)).toEqual([]);
  });

  it("moves a merged customer's invitations, answers and segments to the survivor; fatigue then sees one customer", async () => {
    const survivorId = randomUUID();
    const { inv, customerId: mergedId } = await resolvedComplaint();
    await h.request('POST', `/api/v1/public/surveys/${inv.token}/answers`, {
      body: { answers: { overall: 5 } },
    });
    const shared = `vip-${randomUUID().slice(0, 6)}`;
    const own = `rfm-${randomUUID().slice(0, 6)}`;
    for (const [segment, customerId] of [
      [shared, survivorId],
      [shared, mergedId],
      [own, mergedId],
    ])
      await h.publish(Subjects.crm.segmentMembershipChanged, { segment, customerId, change: 'joined' });
    await waitFor(async () => {
      const rows = await h.sql(`SELECT 1 FROM segment_member WHERE segment IN ($1, $2)`, [shared, own]);
      return rows.length === 3 ? rows : undefined;
    });

    await h.publish(Subjects.crm.customerMerged, { survivorId, mergedId, mergedAt: RESOLVED_AT });
    const moved = await waitFor(async () => {
      const rows = await invitationsOf(h, survivorId);
      return rows.length ? rows : undefined;
    });
    expect(moved.map((r) => r.id)).toEqual([inv.id]);
    expect(await invitationsOf(h, mergedId)).toEqual([]);
    expect(await h.sql(`SELECT customer_id FROM response WHERE invitation_id = $1`, [inv.id])).toEqual([
      { customer_id: survivorId },
    ]);
    expect(
      await h.sql(
        `SELECT segment, customer_id FROM segment_member WHERE segment IN ($1, $2) ORDER BY segment`,
        [shared, own],
      ),
    ).toEqual([
      { segment: own, customer_id: survivorId },
      { segment: shared, customer_id: survivorId },
    ]);

    // The survivor's repair the next day falls inside the merged record's fatigue window: kept out.
    const both = await repairNextDay(survivorId);
    expect(both.map((r) => [r.trigger, r.status])).toEqual([
      ['complaint-resolved', 'answered'],
      ['repair-completed', 'suppressed'],
    ]);
  });

  it('lets only the lead set triggers; an unknown questionnaire is a 404, an unknown trigger a 400', async () => {
    const url = '/api/v1/admin/policies/triggers/complaint-resolved';
    const body = {
      questionnaireId: randomUUID(),
      delayMinutes: 0,
      priority: 1,
      channel: 'email',
      enabled: true,
    };
    expect((await h.request('PUT', url, { as: 'agent', body })).statusCode).toBe(403);
    expect((await h.request('PUT', url, { as: 'lead', body })).json().code).toBe('QUESTIONNAIRE_NOT_FOUND');
    const bad = await h.request('PUT', '/api/v1/admin/policies/triggers/birthday', { as: 'lead', body });
    expect(bad.statusCode).toBe(400);
    const list = await h.request('GET', '/api/v1/admin/policies/triggers', { as: 'lead' });
    expect(list.json().map((t: { trigger: string }) => t.trigger)).toEqual([
      'complaint-resolved',
      'delivery',
      'repair-completed',
    ]);
    const settings = await h.request('PUT', '/api/v1/admin/policies/settings', {
      as: 'lead',
      body: { fatigueDays: 45 },
    });
    expect(settings.json()).toMatchObject({ fatigueDays: 45, invitationValidDays: 14 });
    await h.request('PUT', '/api/v1/admin/policies/settings', { as: 'lead', body: { fatigueDays: 30 } });
  });
});

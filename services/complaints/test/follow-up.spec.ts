import { Subjects } from '@cx/contracts';
import { DAY_MS } from '@cx/platform';
import { uuidv7 } from '@cx/contracts';
import { validComplaint, waitFor } from '@cx/testing';
import { SlaSweeper } from '../src/sla/sla.sweeper';
import { ComplaintsHarness } from './support';

describe("customers' replies and phone return visits (real Postgres and NATS)", () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (over: Record<string, unknown> = {}) =>
    (await h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint(over) })).json();
  const status = (id: string, body: Record<string, unknown>) =>
    h.request('POST', `/api/v1/complaints/${id}/status`, { as: 'agent', body });
  const reply = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    h.request('POST', '/api/v1/customer-replies', { as: 'system', body, headers });
  const statusOf = async (id: string) =>
    (await h.sql(`SELECT status FROM complaint WHERE id = $1`, [id]))[0].status;

  it('threads a reply into the case file (text encrypted, read audited) and sets a waiting complaint in progress', async () => {
    const customerId = uuidv7();
    const c = await create({ customerId });
    await status(c.id, { status: 'waiting-for-customer', message: 'Could you send a photo of the label?' });
    const text = 'Here is the photo, label says batch 42. Call me on 138 0013 8000.';
    const headers = { 'idempotency-key': 'sms-1' };
    const body = { reference: c.reference, channel: 'sms', body: text, messageRef: 'sms-1' };
    const res = await reply(body, headers);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      reference: c.reference,
      channel: 'sms',
      complaintStatus: 'in-progress',
    });
    expect(res.json()).not.toHaveProperty('body'); // the stored answer of an Idempotency-Key carries no personal data
    expect((await reply(body, headers)).statusCode).toBe(200);
    expect(
      await h.sql(`SELECT count(*)::int AS n FROM complaint_reply WHERE complaint_id = $1`, [c.id]),
    ).toEqual([{ n: 1 }]);
    const [stored] = await h.sql(`SELECT body FROM complaint_reply WHERE complaint_id = $1`, [c.id]);
    expect(stored.body).not.toContain('batch 42');

    expect(await statusOf(c.id)).toBe('in-progress');
    const replies = await h.request('GET', `/api/v1/complaints/${c.id}/replies`, {
      as: 'agent',
      sub: 'agent-9',
    });
    expect(replies.json().map((r: { body: string }) => r.body)).toEqual([text]);
    const audit = await h.sql(
      `SELECT actor_id FROM audit_log WHERE subject_id = $1 AND fields @> ARRAY['customerReplies']`,
      [c.id],
    );
    expect(audit).toEqual([{ actor_id: 'agent-9' }]);
    const history = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' })).json();
    expect(history.slice(-3).map((e: { action: string }) => e.action)).toEqual([
      'customer-replied',
      'sla-resumed',
      'status-changed',
    ]);

    // Erasure takes the text; the fact of the reply stays.
    await h.publish(Subjects.crm.customerErased, { customerId });
    await waitFor(
      async () =>
        (await h.sql(`SELECT body FROM complaint_reply WHERE complaint_id = $1`, [c.id]))[0].body === null,
      10_000,
      'reply text erased',
    );
  });

  it('reopens a complaint the sweeper auto-closed when the customer replies, as the auto-close message promises', async () => {
    const c = await create();
    await status(c.id, { status: 'resolved', summary: 'Replaced the zip' });
    h.clock.advance(8 * DAY_MS);
    expect((await h.get(SlaSweeper).sweepOnce()).autoClosed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(c.id)).toBe('closed');

    const res = await reply({ reference: c.reference, channel: 'email', body: 'The zip broke again.' });
    expect(res.json().complaintStatus).toBe('reopened');
    const [row] = await h.sql(`SELECT status, reopen_count FROM complaint WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'reopened', reopen_count: 1 });
    const told = (await h.outbox(Subjects.complaints.complaintUpdated)).filter(
      (e) => e.data.complaintId === c.id,
    );
    expect(told.map((e) => e.data.change)).toEqual(['received', 'resolved', 'auto-closed', 'reopened']);

    // A complaint the customer closed (satisfied) is not reopened by a thank-you note.
    const d = await create();
    await status(d.id, { status: 'resolved', summary: 'Refunded' });
    await status(d.id, { status: 'closed' });
    expect(
      (await reply({ reference: d.reference, channel: 'app', body: 'Thanks!' })).json().complaintStatus,
    ).toBe('closed');
  });

  it('refuses an unknown reference (422 naming it), a bad channel (400) and callers other than systems (403)', async () => {
    const unknown = await reply({ reference: 'C-2026-999999', channel: 'sms', body: 'hello' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_REFERENCE', details: { field: 'reference' } });
    const bad = await reply({ reference: 'C-2026-000001', channel: 'pigeon', body: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body', 'channel']);
    expect(
      (await h.request('POST', '/api/v1/customer-replies', { as: 'agent', body: { reference: 'x' } }))
        .statusCode,
    ).toBe(403);
  });

  it('records a phone return visit through the same path as a survey answer', async () => {
    const open = await create();
    const early = await h.request('POST', `/api/v1/complaints/${open.id}/return-visits`, {
      as: 'agent',
      body: { satisfied: true },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('NOT_HANDLED_YET');

    const happy = await create();
    await status(happy.id, { status: 'resolved', summary: 'Replaced' });
    const ok = await h.request('POST', `/api/v1/complaints/${happy.id}/return-visits`, {
      as: 'agent',
      sub: 'agent-5',
      body: { satisfied: true, csat: 5, note: 'Very happy with the new jacket' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('closed');

    const unhappy = await create();
    await status(unhappy.id, { status: 'resolved', summary: 'Explained the care label' });
    const no = await h.request('POST', `/api/v1/complaints/${unhappy.id}/return-visits`, {
      as: 'agent',
      body: { satisfied: false, csat: 1 },
    });
    expect(no.json().status).toBe('reopened');
    const [row] = await h.sql(`SELECT satisfaction, escalation_levels FROM complaint WHERE id = $1`, [
      unhappy.id,
    ]);
    expect(row).toEqual({ satisfaction: 'dissatisfied', escalation_levels: { dissatisfied: 1 } });

    // The survey path gives the same result for the same answer.
    const viaSurvey = await create();
    await status(viaSurvey.id, { status: 'resolved', summary: 'Explained the care label' });
    await h.publish(Subjects.surveys.responseSubmitted, {
      subject: { type: 'complaint', id: viaSurvey.id },
      satisfied: false,
      csat: 1,
    });
    await waitFor(async () => (await statusOf(viaSurvey.id)) === 'reopened', 10_000, 'survey answer applied');
    const [surveyRow] = await h.sql(`SELECT satisfaction, escalation_levels FROM complaint WHERE id = $1`, [
      viaSurvey.id,
    ]);
    expect(surveyRow).toEqual(row);
  });
});

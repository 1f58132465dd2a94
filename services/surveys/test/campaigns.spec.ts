import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { CampaignService } from '../src/campaign/campaign.service';
import { surveysService } from '../src/service';
import { invitationsOf, putTrigger, setUpQuestionnaire } from './support';

describe('periodic campaigns to a crm segment (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-05-25T02:00:00Z') });
    ({ questionnaireId } = await setUpQuestionnaire(h));
    await putTrigger(h, 'complaint-resolved', questionnaireId, { delayMinutes: 0, priority: 5 });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("invites the segment's members spread over the days, through fatigue, once", async () => {
    const segment = `vip-${randomUUID().slice(0, 6)}`;
    const members = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const sent: string[] = [];
    for (const customerId of members)
      sent.push(
        await h.publish(Subjects.crm.segmentMembershipChanged, { segment, customerId, change: 'joined' }),
      );
    sent.push(
      await h.publish(Subjects.crm.segmentMembershipChanged, {
        segment,
        customerId: members[3],
        change: 'left',
      }),
    );
    // members[0] was surveyed after a complaint a week before the campaign: fatigue keeps them out.
    sent.push(
      await h.publish(Subjects.complaints.complaintResolved, {
        complaintId: randomUUID(),
        customerId: members[0],
        resolvedAt: '2026-05-25T01:00:00Z',
      }),
    );
    // Every message of both streams handled: a count of members alone can be met while one member has
    // not joined yet and members[3] has not left yet (each member has its own lane).
    await h.handled(sent);
    expect(
      await h.sql(
        `SELECT (SELECT count(*) FROM segment_member WHERE segment = $1)::int AS members,
                (SELECT count(*) FROM invitation WHERE customer_id = $2)::int AS invited`,
        [segment, members[0]],
      ),
    ).toEqual([{ members: 3, invited: 1 }]);

    const res = await h.request('POST', '/api/v1/admin/campaigns', {
      as: 'lead',
      body: {
        segment,
        questionnaireId,
        channel: 'email',
        priority: 1,
        startAt: '2026-06-01T09:00:00+08:00',
        spreadDays: 3,
      },
    });
    expect(res.statusCode).toBe(201);
    const campaigns = h.get(CampaignService);
    expect(await campaigns.runDueOnce(new Date('2026-06-01T00:59:59Z'))).toBe(0);
    // Members are invited as their spread send time comes, one day apart here.
    expect(await campaigns.runDueOnce(new Date('2026-06-01T01:00:00Z'))).toBe(1);
    expect(await campaigns.runDueOnce(new Date('2026-06-01T01:00:00Z'))).toBe(0);
    const running = await h.request('GET', '/api/v1/admin/campaigns', { as: 'lead' });
    expect(running.json()[0]).toMatchObject({ segment, status: 'running', members: 3 });
    expect(await campaigns.runDueOnce(new Date('2026-06-02T01:00:00Z'))).toBe(1);
    expect(await campaigns.runDueOnce(new Date('2026-06-04T00:00:00Z'))).toBe(1);

    const periodic = await h.sql<{ customer_id: string; status: string; send_at: Date }>(
      `SELECT customer_id, status, send_at FROM invitation WHERE trigger = 'periodic' ORDER BY customer_id`,
    );
    expect(periodic).toHaveLength(3);
    expect(periodic.find((r) => r.customer_id === members[0])?.status).toBe('suppressed');
    expect(periodic.filter((r) => r.status === 'scheduled')).toHaveLength(2);
    const times = periodic.map((r) => new Date(r.send_at).toISOString()).sort();
    expect(times).toEqual([
      '2026-06-01T01:00:00.000Z',
      '2026-06-02T01:00:00.000Z',
      '2026-06-03T01:00:00.000Z',
    ]);
    expect(await invitationsOf(h, members[3])).toEqual([]);
    const list = await h.request('GET', '/api/v1/admin/campaigns', { as: 'lead' });
    expect(list.json()[0]).toMatchObject({ segment, status: 'done', invited: 2, suppressed: 1 });
    // Done: the member list is dropped, the counters stay.
    const [{ left }] = await h.sql<{ left: number }>(`SELECT count(*)::int AS left FROM campaign_member`);
    expect(left).toBe(0);
  });

  it('spreads a large segment over its days in batches, each member invited once, shared by two replicas that may crash', async () => {
    const segment = `all-${randomUUID().slice(0, 6)}`;
    const MEMBERS = 120;
    await h.sql(
      `INSERT INTO segment_member (segment, customer_id, since)
       SELECT $1, gen_random_uuid(), now() FROM generate_series(1, $2)`,
      [segment, MEMBERS],
    );
    const res = await h.request('POST', '/api/v1/admin/campaigns', {
      as: 'lead',
      body: {
        segment,
        questionnaireId,
        channel: 'sms',
        priority: 1,
        startAt: '2026-07-01T00:00:00Z',
        spreadDays: 4,
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const invitedOf = () =>
      h.sql<{ customer_id: string; n: number }>(
        `SELECT i.customer_id, count(*)::int AS n FROM invitation i
           JOIN segment_member s ON s.customer_id = i.customer_id AND s.segment = $1
          WHERE i.trigger = 'periodic' GROUP BY 1`,
        [segment],
      );
    const b = await h.replica({ SURVEY_CAMPAIGN_BATCH: '7' });
    const c = await h.replica({ SURVEY_CAMPAIGN_BATCH: '7' });
    const [onB, onC] = [b.app.get(CampaignService), c.app.get(CampaignService)];

    // Day one: a quarter of the members (30 of 120, in batches of 7), shared by both replicas.
    const dayOne = new Date('2026-07-01T23:59:59Z');
    const [x, y] = await Promise.all([onB.runDueOnce(dayOne), onC.runDueOnce(dayOne)]);
    expect(x + y).toBe(30);
    expect(await invitedOf()).toHaveLength(30);
    const [{ status }] = await h.sql<{ status: string }>(`SELECT status FROM campaign WHERE id = $1`, [id]);
    expect(status).toBe('running');

    // Day three, and replica b stops in the middle of it: what it had not committed is done by c.
    const dayThree = new Date('2026-07-03T23:59:59Z');
    const interrupted = onB.runDueOnce(dayThree).catch(() => -1);
    await new Promise((r) => setTimeout(r, 20));
    await b.stop();
    await interrupted;
    await onC.runDueOnce(dayThree);
    expect(await invitedOf()).toHaveLength(90);

    await onC.runDueOnce(new Date('2026-07-05T00:00:00Z'));
    const all = await invitedOf();
    expect(all).toHaveLength(MEMBERS);
    expect(all.every((r) => r.n === 1)).toBe(true);
    const [done] = await h.sql<{ status: string; invited: number; suppressed: number; members: number }>(
      `SELECT status, invited, suppressed, members FROM campaign WHERE id = $1`,
      [id],
    );
    expect(done).toEqual({ status: 'done', invited: MEMBERS, suppressed: 0, members: MEMBERS });
  });

  it('forgets an erased member of a running campaign, and invites a merged pair once, as the survivor', async () => {
    const segment = `half-${randomUUID().slice(0, 6)}`;
    const [first, erased, merged, survivor] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()].sort();
    for (const customerId of [first, erased, merged, survivor])
      await h.sql(`INSERT INTO segment_member (segment, customer_id, since) VALUES ($1, $2, now())`, [
        segment,
        customerId,
      ]);
    const res = await h.request('POST', '/api/v1/admin/campaigns', {
      as: 'lead',
      body: {
        segment,
        questionnaireId,
        channel: 'sms',
        priority: 1,
        startAt: '2026-08-01T00:00:00Z',
        spreadDays: 4,
      },
    });
    expect(res.statusCode).toBe(201);
    const campaigns = h.get(CampaignService);
    expect(await campaigns.runDueOnce(new Date('2026-08-01T00:00:00Z'))).toBe(1);

    await h.publish(Subjects.crm.customerErased, { customerId: erased });
    await h.publish(Subjects.crm.customerMerged, {
      survivorId: survivor,
      mergedId: merged,
      mergedAt: '2026-08-01T06:00:00Z',
    });
    await waitFor(async () => {
      const rows = await h.sql<{ customer_id: string }>(
        `SELECT customer_id FROM campaign_member WHERE campaign_id = $1 AND state = 'pending'`,
        [res.json().id],
      );
      return rows.length === 1 && rows[0].customer_id === survivor ? true : undefined;
    });

    expect(await campaigns.runDueOnce(new Date('2026-08-05T00:00:00Z'))).toBe(1);
    const invited = await h.sql<{ customer_id: string }>(
      `SELECT customer_id FROM invitation WHERE trigger = 'periodic' AND customer_id = ANY($1::uuid[])
        ORDER BY customer_id`,
      [[first, erased, merged, survivor]],
    );
    expect(invited.map((r) => r.customer_id)).toEqual([first, survivor]);
    const [c] = await h.sql<{ status: string; invited: number }>(
      `SELECT status, invited FROM campaign WHERE id = $1`,
      [res.json().id],
    );
    expect(c).toEqual({ status: 'done', invited: 2 });
  });
});

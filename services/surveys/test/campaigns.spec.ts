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
    for (const customerId of members)
      await h.publish(Subjects.crm.segmentMembershipChanged, { segment, customerId, change: 'joined' });
    await h.publish(Subjects.crm.segmentMembershipChanged, {
      segment,
      customerId: members[3],
      change: 'left',
    });
    // members[0] was surveyed after a complaint a week before the campaign: fatigue keeps them out.
    await h.publish(Subjects.complaints.complaintResolved, {
      complaintId: randomUUID(),
      customerId: members[0],
      resolvedAt: '2026-05-25T01:00:00Z',
    });
    // Both streams applied: three members left in the segment (four joined, one left) and members[0]'s
    // invitation from the complaint. Checked apart: their sum is also 4 while the 'left' and the complaint
    // are still on their way.
    await waitFor(async () => {
      const [{ members: inSegment, invited }] = await h.sql<{ members: number; invited: number }>(
        `SELECT (SELECT count(*) FROM segment_member WHERE segment = $1)::int AS members,
                (SELECT count(*) FROM invitation WHERE customer_id = $2)::int AS invited`,
        [segment, members[0]],
      );
      return inSegment === 3 && invited === 1 ? true : undefined;
    });

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
    expect(await campaigns.runDueOnce(new Date('2026-06-01T01:00:00Z'))).toBe(1);
    expect(await campaigns.runDueOnce(new Date('2026-06-01T01:00:00Z'))).toBe(0);

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
  });
});

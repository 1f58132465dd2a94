// The closed loop when processes go away (issue 16 item 3): a consumer down for a while catches up from
// JetStream and creates nothing twice; with two replicas each of complaints and surveys, a replica killed
// by its pid mid-flow loses nothing and doubles nothing; the same flows run twice at once do not meet.
// One platform (two replicas of complaints and surveys) is shared by the file's tests.
import { PlatformService, ProcessPlatform, sleep, waitFor } from '@cx/testing';
import {
  answer,
  buyPhone,
  complaint,
  failAudit,
  fileComplaint,
  hire,
  invitationAbout,
  invitationsAbout,
  LoopSetup,
  newCustomer,
  pointsOf,
  recordPurchase,
  remedialEnrolments,
  repairPhone,
  resolveComplaint,
  returnOrder,
  setUpLoop,
  tag,
  warrantiesOf,
} from './loop-flows';

const HOP_MS = 45_000;

describe('the closed loop with consumers down, replicas killed and flows side by side', () => {
  let p: ProcessPlatform;
  let setup: LoopSetup;

  beforeAll(async () => {
    p = await ProcessPlatform.start({
      replicas: { complaints: 2, surveys: 2 },
      // A message a killed replica held comes back after 5 s instead of 30.
      env: { CONSUMER_ACK_WAIT_MS: '5000' },
    });
    setup = await setUpLoop(p);
  }, 300_000);

  afterAll(async () => {
    await p?.stop();
  }, 60_000);

  const withLogs = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      if (e instanceof Error) e.message += `\n${p.logs()}`;
      throw e;
    }
  };

  /** Files a complaint for a new customer; answers its id and its owner. */
  const filed = async () => {
    const owner = `E${tag()}`;
    const c = await fileComplaint(p, await newCustomer(p), owner);
    return { id: c.id as string, owner };
  };

  /** Each complaint ends with exactly one invitation, and still one a moment later (no late duplicate). */
  const expectOneInvitationEach = async (ids: string[]) => {
    for (const id of ids) await invitationAbout(p, id, HOP_MS);
    await sleep(1_000);
    for (const id of ids) expect({ id, n: (await invitationsAbout(p, id)).length }).toEqual({ id, n: 1 });
  };

  /** Brings every service back to its replicas (after a test stopped or killed some). */
  const restore = async (service: PlatformService, replicas: number) => {
    while (p.replicas(service).length < replicas) await p.startReplica(service);
  };

  it('surveys down while complaints are resolved: on restart it invites each customer once', async () => {
    await withLogs(async () => {
      const cases = await Promise.all(Array.from({ length: 6 }, filed));
      for (const r of p.replicas('surveys')) await r.stop('SIGTERM');
      expect(p.replicas('surveys')).toHaveLength(0);
      for (const c of cases) await resolveComplaint(p, c.id, c.owner);
      // The resolved events wait in JetStream meanwhile.
      await sleep(1_000);
      await restore('surveys', 2);
      await expectOneInvitationEach(cases.map((c) => c.id));
    });
  }, 180_000);

  it('a replica each of complaints and surveys killed by pid mid-flow: every flow completes once', async () => {
    await withLogs(async () => {
      const cases = await Promise.all(Array.from({ length: 10 }, filed));
      // Resolve all at once and kill a surveys replica while their events are being consumed.
      const resolving = Promise.all(cases.map((c) => resolveComplaint(p, c.id, c.owner)));
      const victimSurveys = p.replicas('surveys')[0];
      await sleep(50);
      await victimSurveys.stop('SIGKILL');
      await resolving;
      await expectOneInvitationEach(cases.map((c) => c.id));

      // Dissatisfied answers, and a complaints replica killed while they reopen the complaints.
      const invitations = await Promise.all(cases.map((c) => invitationAbout(p, c.id)));
      const victimComplaints = p.replicas('complaints')[0];
      const answering = Promise.all(invitations.map((inv) => answer(p, inv, false)));
      await sleep(50);
      await victimComplaints.stop('SIGKILL');
      await answering;
      for (const c of cases) {
        const reopened = await waitFor(
          async () => {
            const v = await complaint(p, c.id);
            return v.status === 'reopened' ? v : undefined;
          },
          HOP_MS,
          `${c.id} reopened`,
        );
        // One answer, one reopening and one escalation step: nothing applied twice.
        expect(reopened.escalationLevel).toBe(1);
        const history = await p.ok<{ action: string; toStatus?: string }[]>(
          'complaints',
          'GET',
          `/api/v1/complaints/${c.id}/history`,
          { as: 'agent' },
        );
        expect(history.filter((h) => JSON.stringify(h).includes('"reopened"'))).toHaveLength(1);
      }
      expect(victimSurveys.alive || victimComplaints.alive).toBe(false);
      await restore('surveys', 2);
      await restore('complaints', 2);
    });
  }, 300_000);

  it('the same flows twice at once do not interfere', async () => {
    await withLogs(async () => {
      const run = async () => {
        const store = `ST-${tag()}`;
        const staff = `E${tag()}`;
        await hire(p, staff, store);
        const customerId = await newCustomer(p);
        const orderId = await recordPurchase(p, customerId);
        const phoneBuyer = await newCustomer(p);
        const phone = await buyPhone(p, phoneBuyer);
        const c = await filed();
        await resolveComplaint(p, c.id, c.owner);
        await failAudit(p, setup, store, [staff]);
        await waitFor(async () => (await warrantiesOf(p, orderId)).length > 0, HOP_MS, 'warranty');
        await waitFor(async () => (await warrantiesOf(p, phone.orderId)).length > 0, HOP_MS, 'warranty');
        const repair = await repairPhone(p, phone.serialNumber);
        const before = await pointsOf(p, customerId);
        await returnOrder(p, orderId);
        return { store, staff, customerId, orderId, complaintId: c.id, repairId: repair.id, before };
      };
      const [a, b] = await Promise.all([run(), run()]);
      for (const r of [a, b]) {
        await expectOneInvitationEach([r.complaintId, r.repairId]);
        const enrolled = await waitFor(
          async () => {
            const list = await remedialEnrolments(p, r.staff);
            return list.length ? list : undefined;
          },
          HOP_MS,
          `${r.staff} enrolled`,
        );
        expect(enrolled).toHaveLength(1);
        expect(await warrantiesOf(p, r.orderId)).toHaveLength(1);
        await waitFor(
          async () => {
            const pts = await pointsOf(p, r.customerId);
            return pts.pending + pts.available === 0;
          },
          HOP_MS,
          `${r.customerId}'s points reversed`,
        );
      }
      // Each run's customer got only its own invitations.
      const [ia, ib] = await Promise.all([
        invitationAbout(p, a.complaintId),
        invitationAbout(p, b.complaintId),
      ]);
      expect(ia.customerId).not.toBe(ib.customerId);
    });
  }, 300_000);
});

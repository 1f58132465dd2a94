// crm and complaints on one namespace: merging a duplicate customer in crm (docs/crm/customers.md) moves
// complaints' copies under the survivor through the real outbox, NATS and consumers.
import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startServices, StartedGroup, validComplaint, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { complaintsService } from '../../services/complaints/src/service';
import { crmService } from '../../services/crm/src/service';

const NOW = '2026-11-02T02:00:00.000Z';
const STORE = 'SH-001';

/** POST /api/v1/customers in crm (docs/crm/customers.md), each with its own contact. */
const customerBody = (name: string) => ({
  name,
  email: `${randomUUID()}@example.com`,
  registrationChannel: 'membership',
  registrationStoreId: STORE,
});

describe('crm merge -> complaints on one namespace (real Postgres and NATS)', () => {
  let group: StartedGroup<[typeof crmService, typeof complaintsService]>;
  let crm: ServiceHarness;
  let complaints: ServiceHarness;

  beforeAll(async () => {
    group = await startServices([crmService, complaintsService], { clock: new ManualClock(NOW) });
    [crm, complaints] = group.services;
  });

  afterAll(async () => {
    await group?.stop();
  });

  const register = async (name: string) => {
    const res = await crm.request('POST', '/api/v1/customers', { as: 'system', body: customerBody(name) });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };

  it("a duplicate merged in crm: complaints shows the duplicate's complaint under the survivor", async () => {
    const survivorId = await register('Li Wei');
    const duplicateId = await register('Li Wei (duplicate)');
    const filed = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({
        customerId: duplicateId,
        complainant: { email: `${randomUUID()}@example.com` },
      }),
    });
    expect(filed.statusCode).toBe(201);
    const complaintId: string = filed.json().id;

    const merged = await crm.request('POST', `/api/v1/customers/${survivorId}/merge`, {
      as: 'system',
      body: { duplicateId },
    });
    expect(merged.statusCode).toBeLessThan(300);
    expect(await crm.outbox(Subjects.crm.customerMerged)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ survivorId, mergedId: duplicateId }) }),
    ]);

    const listed = async (customerId: string) =>
      (await complaints.request('GET', `/api/v1/complaints?customerId=${customerId}`, { as: 'agent' }))
        .json<{ items: { id: string }[] }>()
        .items.map((c) => c.id);
    await waitFor(
      async () => (await listed(survivorId)).includes(complaintId),
      15_000,
      'the complaint listed under the survivor',
    );
    expect(await listed(duplicateId)).toEqual([]);
    const history = (
      await complaints.request('GET', `/api/v1/complaints/${complaintId}/history`, { as: 'agent' })
    ).json<{ action: string; details: Record<string, unknown> }[]>();
    expect(history).toContainEqual(
      expect.objectContaining({
        action: 'customer-merged',
        details: expect.objectContaining({ survivorId, mergedId: duplicateId }),
      }),
    );
  });
});

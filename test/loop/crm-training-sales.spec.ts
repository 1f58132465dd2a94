// crm and training on one namespace, as in production: a purchase recorded in crm with the seller's id
// reaches training's monthly scorecards through the real outbox, NATS and consumers (sales figures).
import { ManualClock } from '@cx/platform';
import {
  ServiceHarness,
  startServices,
  StartedGroup,
  validCustomer,
  validPurchase,
  validPurchaseLine,
  waitFor,
} from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../../services/crm/src/service';
import { trainingService } from '../../services/training/src/service';

const NOW = '2026-11-02T02:00:00.000Z';
const NOV = '2026-11';

describe('crm -> training sales on one namespace (real Postgres and NATS)', () => {
  let group: StartedGroup<[typeof crmService, typeof trainingService]>;
  let crm: ServiceHarness;
  let training: ServiceHarness;
  let customerId: string;

  beforeAll(async () => {
    group = await startServices([crmService, trainingService], { clock: new ManualClock(NOW) });
    [crm, training] = group.services;
    const res = await crm.request('POST', '/api/v1/customers', { as: 'system', body: validCustomer() });
    expect(res.statusCode).toBe(201);
    customerId = res.json().id;
  });

  afterAll(async () => {
    await group?.stop();
  });

  const sell = async (salesEmployeeId: string | undefined, paidAmountMinor: number) => {
    const res = await crm.request('POST', '/api/v1/purchases', {
      as: 'system',
      body: validPurchase(customerId, {
        orderId: `SO-${randomUUID().slice(0, 8)}`,
        paidAmountMinor,
        lines: [validPurchaseLine({ unitPriceMinor: paidAmountMinor })],
        ...(salesEmployeeId && { salesEmployeeId }),
      }),
    });
    expect(res.statusCode).toBe(201);
  };

  it("credits a purchase's amount to the seller crm names and every purchase to the store", async () => {
    await sell('E-SALES-1', 300_000);
    await sell(undefined, 50_000);
    await waitFor(
      async () =>
        (await training.sql(`SELECT 1 FROM scorecard_fact WHERE kind = 'sale' AND scope = 'store'`))
          .length === 2,
      15_000,
      'both sales in training',
    );
    const recompute = await training.request('POST', `/api/v1/admin/scorecards/${NOV}/recompute`, {
      as: 'lead',
    });
    expect(recompute.statusCode).toBe(200);
    const cards = async (scope: string) =>
      (await training.request('GET', `/api/v1/admin/scorecards/${NOV}/${scope}`, { as: 'lead' })).json<
        { subjectId: string; figures: Record<string, unknown> }[]
      >();
    expect(
      (await cards('employees')).map((c) => [c.subjectId, c.figures.sales, c.figures.salesAmountMinor]),
    ).toEqual([['E-SALES-1', 1, 300_000]]);
    expect(
      (await cards('stores')).map((c) => [c.subjectId, c.figures.sales, c.figures.salesAmountMinor]),
    ).toEqual([['SH-001', 2, 350_000]]);
  });
});

// Notifications planned from a service's own events (ADR 31), on the real bootstrap, Postgres, NATS
// and a real SMTP listener: written in the event's transaction (or not at all), one per recipient,
// sent once by two replicas claiming at the same time, retried a round later, and never read for
// personal data when nothing could be sent.
import {
  GetCustomerContactReplyV1,
  GetCustomerContactRequestV1,
  sampleFor,
  StaffContactPurpose,
  Subjects,
} from '@cx/contracts';
import { Controller, Injectable, Logger, Module } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { Client } from 'pg';
import { freePort, mailText, ServiceHarness, SmtpListener, startService, waitFor } from '@cx/testing';
import { Transactions } from '../src/database';
import { EventPublisher, OnRequest } from '../src/messaging';
import {
  DONE_REQUEST_RETENTION_MS,
  MAX_ROUNDS,
  NotificationDispatcher,
  NotificationTemplate,
  notifyOn,
  StaffContact,
  StaffDirectory,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../src/notify';
import { ServiceDefinition } from '../src/service';
import { testService } from './support/test-service';

const ORDER_MAIL: NotificationTemplate = {
  name: 'order-desk',
  texts: {
    'zh-CN': { subject: '新订单 {{orderId}}', body: '门店 {{storeId}} 有新订单 {{orderId}}，请备货。' },
    en: {
      subject: 'New order {{orderId}}',
      body: 'Store {{storeId}} has a new order {{orderId}}; please prepare it.',
    },
  },
};

/** The staff directory of this test (training's role): who exists, and who asked how often. */
const STAFF: Record<string, StaffContact> = {
  'E-1': { workEmail: 'e1@staff.example.cn', active: true },
  'E-2': { workEmail: 'e2@staff.example.cn', active: true, language: 'en' },
  'E-3': { workEmail: 'e3@staff.example.cn', active: false },
};
const asked: string[] = [];

@Injectable()
class TestDirectory extends StaffDirectory {
  contact(employeeId: string, purpose: StaffContactPurpose): Promise<StaffContact | null> {
    asked.push(`${employeeId}:${purpose}`);
    return Promise.resolve(STAFF[employeeId] ?? null);
  }

  known(employeeIds: string[]): Promise<Map<string, boolean>> {
    return Promise.resolve(
      new Map(employeeIds.filter((id) => STAFF[id]).map((id) => [id, STAFF[id].active])),
    );
  }
}

/** crm's side of a customer contact (this test service is crm): one who prefers SMS and consented to both. */
@Controller()
class ContactHandlers {
  @OnRequest(Subjects.crm.getCustomerContact)
  contact(req: GetCustomerContactRequestV1): GetCustomerContactReplyV1 {
    return {
      customerId: req.customerId,
      phone: '+8613900001111',
      email: 'sms.first@example.cn',
      preferredChannel: 'sms',
      consent: { marketing: false, sms: true, email: true, phone: true },
    };
  }
}

@Module({ controllers: [ContactHandlers], providers: [{ provide: StaffDirectory, useClass: TestDirectory }] })
class DirectoryModule {}

const TIER_MAIL: NotificationTemplate = {
  name: 'tier-up',
  texts: { 'zh-CN': { subject: '会员升级', body: '恭喜您升级为 {{tier}} 会员。' } },
};

const def: ServiceDefinition = {
  ...testService,
  imports: [...testService.imports, DirectoryModule],
  notifications: [
    notifyOn(Subjects.crm.purchaseRecorded, [ORDER_MAIL], (d) => [
      {
        to: { group: 'order-desk', storeId: d.storeId, purpose: 'enrollment' },
        template: ORDER_MAIL,
        params: { orderId: d.orderId, storeId: d.storeId },
        about: { type: 'order', id: d.orderId },
      },
    ]),
    // nobody is ever listed for this group: its notifications show up in the delivery log as not sent
    notifyOn(Subjects.crm.purchaseDelivered, [ORDER_MAIL], (d) => [
      {
        to: { group: 'delivery-desk', storeId: d.storeId, purpose: 'enrollment' },
        template: ORDER_MAIL,
        params: { orderId: d.orderId, storeId: d.storeId },
        about: { type: 'order', id: d.orderId },
      },
    ]),
    notifyOn(Subjects.crm.customerTierChanged, [TIER_MAIL], (d) => [
      {
        to: { customerId: d.customerId, purpose: 'complaint-update' },
        template: TIER_MAIL,
        params: { tier: d.toTier },
        about: { type: 'customer', id: d.customerId },
      },
    ]),
  ],
};

describe('notifications planned from own events (real Postgres, NATS and SMTP)', () => {
  const smtp = new SmtpListener();
  let h: ServiceHarness;
  let n = 0;

  beforeAll(async () => {
    await smtp.start();
    h = await startService(def, {
      env: {
        ...smtp.env('CX <noreply@cx.example.cn>'),
        NOTIFY_RETRY_BASE_MS: '10',
        NOTIFY_MAX_ATTEMPTS: '2',
        NOTIFY_DISPATCH_INTERVAL_MS: '3600000', // the test dispatches
      },
    });
    await h.sql(
      `INSERT INTO notification_recipient (group_code, store_id, employee_id, updated_by, updated_at)
       VALUES ('order-desk', 'SH-001', 'E-1', 'lead', now()), ('order-desk', '', 'E-1', 'lead', now()),
              ('order-desk', '', 'E-2', 'lead', now()), ('order-desk', 'BJ-009', 'E-3', 'lead', now()),
              ('order-desk', 'SH-001', 'E-404', 'lead', now())`,
    );
  });

  afterAll(async () => {
    await h?.stop();
    await smtp.stop();
  });

  /** Publishes a purchase of SH-001 as the service would; `fail` rolls the transaction back. */
  async function sale(fail = false): Promise<string> {
    const orderId = `SO-N-${++n}-${Date.now()}`;
    const data = { ...sampleFor(Subjects.crm.purchaseRecorded), orderId, storeId: 'SH-001' };
    await h
      .get(Transactions)
      .run(async (em) => {
        await h
          .get(EventPublisher)
          .publish(em, { type: Subjects.crm.purchaseRecorded, aggregateId: orderId, data });
        if (fail) throw new Error('rolled back');
      })
      .catch((e: Error) => {
        if (!fail) throw e;
      });
    return orderId;
  }

  const requestsOf = (orderId: string) =>
    h.sql<{ recipient_id: string; status: string; outcome: string | null; rounds: number; params: unknown }>(
      `SELECT recipient_id, status, outcome, rounds, params FROM notification_request
        WHERE about_id = $1 ORDER BY recipient_id`,
      [orderId],
    );

  it('writes one request per listed employee of the store and of every store, in the event transaction only', async () => {
    const orderId = await sale();
    expect((await requestsOf(orderId)).map((r) => [r.recipient_id, r.status])).toEqual([
      ['E-1', 'pending'],
      ['E-2', 'pending'],
      ['E-404', 'pending'],
    ]);
    const rolledBack = await sale(true);
    expect(await requestsOf(rolledBack)).toEqual([]);
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
  });

  it('sends each request once while two replicas dispatch at the same time, each in its language', async () => {
    const orders = [await sale(), await sale(), await sale()];
    const replica = await h.replica();
    const before = smtp.mails.length;
    const [a, b] = await Promise.all([
      h.get(NotificationDispatcher).dispatchOnce(h.clock.now()),
      replica.app.get(NotificationDispatcher).dispatchOnce(h.clock.now()),
    ]);
    expect(a.claimed + b.claimed).toBe(9);
    expect(a.sent + b.sent).toBe(6);
    expect(a.noContact + b.noContact).toBe(3);
    const mails = smtp.mails.slice(before);
    expect(mails).toHaveLength(6);
    for (const o of orders) {
      const mine = mails.filter((m) => mailText(m.raw).includes(o));
      expect(mine.map((m) => m.to[0]).sort()).toEqual(['e1@staff.example.cn', 'e2@staff.example.cn']);
      expect(mailText(mine.find((m) => m.to[0] === 'e2@staff.example.cn')!.raw)).toContain(
        'please prepare it',
      );
      const rows = await requestsOf(o);
      expect(rows.map((r) => [r.recipient_id, r.status, r.outcome, r.params])).toEqual([
        ['E-1', 'done', 'sent', null],
        ['E-2', 'done', 'sent', null],
        ['E-404', 'done', 'no-contact', null],
      ]);
    }
    // a second pass finds nothing left to send
    expect(await h.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({ claimed: 0 });
    const log = JSON.stringify(await h.sql(`SELECT * FROM notification_delivery`));
    expect(log).not.toContain('@staff.example.cn');
  });

  it('tries a refusing mail server again a round later, on the same delivery row, and gives up after the last round', async () => {
    const orderId = await sale();
    smtp.refuse = { code: 451, times: 4 }; // both tries of both recipients in the first round
    const first = await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    expect(first).toMatchObject({ postponed: 2, sent: 0 });
    expect((await requestsOf(orderId)).filter((r) => r.status === 'pending').map((r) => r.rounds)).toEqual([
      1, 1,
    ]);
    // not due yet; a minute later it is
    expect(await h.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({ claimed: 0 });
    h.clock.advance(60_000);
    expect(await h.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({ sent: 2 });
    const deliveries = await h.sql<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM notification_delivery WHERE about_id = $1`,
      [orderId],
    );
    expect(deliveries).toEqual([
      { status: 'sent', attempts: 3 },
      { status: 'sent', attempts: 3 },
    ]);

    const lost = await sale();
    smtp.refuse = { code: 451, times: 1_000 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      h.clock.advance(60_000 * 2 ** round);
      await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    }
    smtp.refuse = undefined;
    const rows = await requestsOf(lost);
    expect(
      rows.filter((r) => r.recipient_id !== 'E-404').map((r) => [r.status, r.outcome, r.rounds]),
    ).toEqual([
      ['done', 'failed', MAX_ROUNDS],
      ['done', 'failed', MAX_ROUNDS],
    ]);
  });

  it('reads no contact when no channel is configured, and records the notification as not sent', async () => {
    const orderId = await sale();
    const replica = await h.replica({ NOTIFY_SMTP_HOST: '' });
    const before = asked.length;
    const counts = await replica.app.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    expect(counts).toMatchObject({ notSent: 3, sent: 0 });
    expect(asked.length).toBe(before);
    await waitFor(
      async () => (await requestsOf(orderId)).every((r) => r.outcome === 'not-sent'),
      5_000,
      'not sent',
    );
  });

  /** The statements about notifications `run` sends to Postgres (the service's other jobs filtered out). */
  async function notificationStatements<T>(run: () => Promise<T>): Promise<[T, string[]]> {
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      const value = await run();
      const statements = sent.mock.calls
        .map(([q]) => (typeof q === 'string' ? q : String((q as { text?: string }).text)))
        .filter((q) => /notification_/.test(q));
      return [value, statements];
    } finally {
      sent.mockRestore();
    }
  }

  it('records a round with no channel configured in one statement per claimed batch, and warns once with the count', async () => {
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now()); // what earlier tests left
    const orders = [await sale(), await sale(), await sale()];
    const replica = await h.replica({ NOTIFY_SMTP_HOST: '' });
    const warned = jest.spyOn(Logger.prototype, 'warn');
    try {
      const [counts, statements] = await notificationStatements(() =>
        replica.app.get(NotificationDispatcher).dispatchOnce(h.clock.now()),
      );
      expect(counts).toMatchObject({ claimed: 9, notSent: 9 });
      // the claim, then every request's delivery row and outcome together
      expect(statements).toHaveLength(2);
      expect(warned.mock.calls.map(([m]) => String(m)).filter((m) => m.includes('not sent'))).toEqual([
        '9 notification(s) not sent: channel email is not configured',
      ]);
    } finally {
      warned.mockRestore();
    }
    for (const o of orders) {
      expect((await requestsOf(o)).map((r) => [r.status, r.outcome, r.rounds, r.params])).toEqual([
        ['done', 'not-sent', 1, null],
        ['done', 'not-sent', 1, null],
        ['done', 'not-sent', 1, null],
      ]);
      const log = await h.sql<{ status: string; attempts: number; last_error: string }>(
        `SELECT status, attempts, last_error FROM notification_delivery WHERE about_id = $1`,
        [o],
      );
      expect(log).toEqual(
        Array(3).fill({ status: 'not-sent', attempts: 0, last_error: 'channel email is not configured' }),
      );
    }
  });

  it('writes a sent notification and its finished request in one statement, with no lookup of its key', async () => {
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    const orderId = await sale();
    const [counts, statements] = await notificationStatements(() =>
      h.get(NotificationDispatcher).dispatchOnce(h.clock.now()),
    );
    expect(counts).toMatchObject({ claimed: 3, sent: 2, noContact: 1 });
    // the claim, one per mail sent, and the batch's request that ended without a send (E-404)
    expect(statements).toHaveLength(4);
    expect(statements.filter((q) => /INSERT INTO notification_delivery/.test(q))).toHaveLength(3);
    const rows = await h.sql<{ recipient_id: string; outcome: string; delivery: string | null }>(
      `SELECT r.recipient_id, r.outcome, d.status AS delivery FROM notification_request r
         LEFT JOIN notification_delivery d ON d.id = r.delivery_id
        WHERE r.about_id = $1 ORDER BY r.recipient_id`,
      [orderId],
    );
    expect(rows).toEqual([
      { recipient_id: 'E-1', outcome: 'sent', delivery: 'sent' },
      { recipient_id: 'E-2', outcome: 'sent', delivery: 'sent' },
      { recipient_id: 'E-404', outcome: 'no-contact', delivery: null },
    ]);
  });

  it('does not send again a request whose delivery a stopped sender already recorded as sent', async () => {
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    const orderId = await sale();
    const [e1] = await h.sql<{ id: string }>(
      `SELECT id FROM notification_request WHERE about_id = $1 AND recipient_id = 'E-1'`,
      [orderId],
    );
    const deliveryId = '0192f0a4-5b6c-7d8e-9f01-0000000000d1';
    await h.sql(
      `INSERT INTO notification_delivery (id, channel, template, language, status, attempts, last_error,
                                          about_type, about_id, idempotency_key, created_at, updated_at)
       VALUES ($1, 'email', 'order-desk', 'zh-CN', 'sent', 1, NULL, 'order', $2, $3, now(), now())`,
      [deliveryId, orderId, `notification-request:${e1.id}`],
    );
    const before = smtp.mails.length;
    expect(await h.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({ sent: 2 });
    expect(smtp.mails.slice(before).map((m) => m.to[0])).toEqual(['e2@staff.example.cn']);
    const [row] = await h.sql<{ status: string; outcome: string; delivery_id: string }>(
      `SELECT status, outcome, delivery_id FROM notification_request WHERE id = $1`,
      [e1.id],
    );
    expect(row).toEqual({ status: 'done', outcome: 'sent', delivery_id: deliveryId });
    const [logged] = await h.sql<{ attempts: number }>(
      `SELECT attempts FROM notification_delivery WHERE id = $1`,
      [deliveryId],
    );
    expect(logged.attempts).toBe(1);
  });

  it('records a notification to an empty group as not sent, with the reason, and mails no one', async () => {
    const orderId = `SO-E-${++n}-${Date.now()}`;
    const data = { ...sampleFor(Subjects.crm.purchaseDelivered), orderId, storeId: 'GZ-002' };
    await h
      .get(Transactions)
      .run((em) =>
        h
          .get(EventPublisher)
          .publish(em, { type: Subjects.crm.purchaseDelivered, aggregateId: orderId, data }),
      );
    const before = smtp.mails.length;
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
    expect(await requestsOf(orderId)).toEqual([]);
    const log = await h.sql<{ status: string; template: string; last_error: string; attempts: number }>(
      `SELECT status, template, last_error, attempts FROM notification_delivery WHERE about_id = $1`,
      [orderId],
    );
    expect(log).toEqual([
      {
        status: 'not-sent',
        template: 'order-desk',
        last_error: 'no recipients in group delivery-desk for store GZ-002',
        attempts: 0,
      },
    ]);
    expect(smtp.mails.slice(before).filter((m) => mailText(m.raw).includes(orderId))).toEqual([]);
  });

  it('forgets finished requests after the retention period, and keeps pending ones and the delivery log', async () => {
    const orderId = await sale();
    const dispatcher = h.get(NotificationDispatcher);
    await dispatcher.dispatchOnce(h.clock.now());
    const pending = await sale();
    const deliveries = async () =>
      Number((await h.sql<{ n: string }>(`SELECT count(*) AS n FROM notification_delivery`))[0].n);
    const logged = await deliveries();
    expect(await dispatcher.purgeOnce(h.clock.now())).toBe(0); // every one finished minutes ago
    expect(
      await dispatcher.purgeOnce(new Date(h.clock.now().getTime() + DONE_REQUEST_RETENTION_MS + 1000)),
    ).toBeGreaterThan(0);
    expect(await requestsOf(orderId)).toEqual([]);
    expect((await requestsOf(pending)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await deliveries()).toBe(logged);
  });

  it('writes to a customer on their preferred channel when it is configured (a signed webhook), by email when it is not', async () => {
    const secret = 'a-webhook-secret-of-at-least-32-characters';
    const received: { verified: boolean; body: { to: string; body: string; template: string } }[] = [];
    const port = await freePort();
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const verified = verifyWebhook(
          secret,
          {
            timestamp: req.headers[WEBHOOK_TIMESTAMP_HEADER] as string | undefined,
            signature: req.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined,
          },
          raw,
          h.clock.now(),
        );
        received.push({ verified, body: JSON.parse(raw) as { to: string; body: string; template: string } });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const tierUp = async (customerId: string) =>
        h.get(Transactions).run((em) =>
          h.get(EventPublisher).publish(em, {
            type: Subjects.crm.customerTierChanged,
            aggregateId: customerId,
            data: { ...sampleFor(Subjects.crm.customerTierChanged), customerId },
          }),
        );
      await h.get(NotificationDispatcher).dispatchOnce(h.clock.now()); // what earlier tests left
      const first = '0192f0a4-5b6c-7d8e-9f01-000000000001';
      await tierUp(first);
      const gateway = await h.replica({
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/sms`,
        NOTIFY_WEBHOOK_SECRET: secret,
      });
      expect(await gateway.app.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({
        sent: 1,
      });
      expect(received).toEqual([
        {
          verified: true,
          body: expect.objectContaining({
            to: '+8613900001111',
            template: 'tier-up',
            body: '恭喜您升级为 gold 会员。',
          }),
        },
      ]);

      const second = '0192f0a4-5b6c-7d8e-9f01-000000000002';
      await tierUp(second);
      const before = smtp.mails.length;
      expect(await h.get(NotificationDispatcher).dispatchOnce(h.clock.now())).toMatchObject({ sent: 1 });
      expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['sms.first@example.cn']]);
      const log = await h.sql<{ about_id: string; channel: string }>(
        `SELECT about_id, channel FROM notification_delivery WHERE about_type = 'customer' ORDER BY about_id`,
      );
      expect(log).toEqual([
        { about_id: first, channel: 'webhook' },
        { about_id: second, channel: 'email' },
      ]);
      expect(JSON.stringify(await h.sql(`SELECT * FROM notification_delivery`))).not.toContain(
        '+8613900001111',
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("writes the requests of every event a transaction publishes, each with its event's recipient and params", async () => {
    const customers = ['0192f0a4-5b6c-7d8e-9f01-0000000000a1', '0192f0a4-5b6c-7d8e-9f01-0000000000a2'];
    const tiers = ['gold', 'diamond'] as const;
    const orderId = `SO-N-${++n}-${Date.now()}`;
    await h.get(Transactions).run((em) =>
      h.get(EventPublisher).publishAll<unknown>(em, [
        ...customers.map((customerId, i) => ({
          type: Subjects.crm.customerTierChanged,
          aggregateId: customerId,
          data: { ...sampleFor(Subjects.crm.customerTierChanged), customerId, toTier: tiers[i] },
        })),
        {
          type: Subjects.crm.purchaseRecorded,
          aggregateId: orderId,
          data: { ...sampleFor(Subjects.crm.purchaseRecorded), orderId, storeId: 'SH-001' },
        },
      ]),
    );
    const rows = await h.sql<{ recipient_kind: string; recipient_id: string; params: unknown }>(
      `SELECT recipient_kind, recipient_id, params FROM notification_request
        WHERE recipient_id = ANY($1) ORDER BY recipient_id`,
      [customers],
    );
    expect(rows).toEqual([
      { recipient_kind: 'customer', recipient_id: customers[0], params: { tier: 'gold' } },
      { recipient_kind: 'customer', recipient_id: customers[1], params: { tier: 'diamond' } },
    ]);
    expect((await requestsOf(orderId)).map((r) => r.recipient_id)).toEqual(['E-1', 'E-2', 'E-404']);
  });
});

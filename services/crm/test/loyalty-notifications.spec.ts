// crm's loyalty notices (ADR 34) on the real bootstrap, Postgres, NATS and a real SMTP listener:
// points about to expire and a tier gained reach every customer with an address (notices about their
// own membership); the "spend to keep your tier" offer only one who agreed to marketing by email.
import {
  EventPublisher,
  EventToPublish,
  ManualClock,
  NotificationDispatcher,
  Transactions,
} from '@cx/platform';
import { mailText, ServiceHarness, SmtpListener, startService, validCustomer } from '@cx/testing';
import { pointsExpiring, tierAtRisk, tierChanged } from '../src/loyalty/loyalty.events';
import { crmService } from '../src/service';

const NOW = new Date('2026-11-02T02:00:00Z');

describe('loyalty notices to the customer (real Postgres, NATS and SMTP)', () => {
  const smtp = new SmtpListener();
  let h: ServiceHarness;

  beforeAll(async () => {
    await smtp.start();
    h = await startService(crmService, {
      clock: new ManualClock(NOW.toISOString()),
      env: {
        ...smtp.env('CX 会员中心 <member@cx.example.cn>'),
        NOTIFY_RETRY_BASE_MS: '10',
        NOTIFY_DISPATCH_INTERVAL_MS: '3600000', // the test dispatches
        LOYALTY_SWEEP_INTERVAL_MS: '86400000',
      },
    });
  });

  afterAll(async () => {
    await h?.stop();
    await smtp.stop();
  });

  async function customer(over: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
    const body = validCustomer(over);
    const res = await h.request('POST', '/api/v1/customers', { as: 'agent', body });
    expect(res.statusCode).toBe(201);
    return { id: res.json<{ id: string }>().id, email: body.email };
  }

  async function publish(...events: EventToPublish<unknown>[]): Promise<void> {
    await h.get(Transactions).run((em) => h.get(EventPublisher).publishAll(em, events));
    await h.get(NotificationDispatcher).dispatchOnce(h.clock.now());
  }

  const textsTo = (email: string) =>
    smtp.mails.filter((m) => m.to.includes(email)).map((m) => mailText(m.raw));

  it('reminds of points about to expire and congratulates on a tier gained, without marketing consent', async () => {
    const c = await customer();
    const expires = new Date('2026-11-30T16:30:00Z'); // 1 December 00:30 in Shanghai
    await publish(
      pointsExpiring(c.id, 1200, new Date('2026-11-20T03:00:00Z'), expires, 5000, NOW),
      tierChanged(c.id, 'standard', 'gold', 'purchase', NOW),
      tierChanged(c.id, 'gold', 'silver', 'periodic-review', NOW),
    );
    const texts = textsTo(c.email);
    expect(texts).toHaveLength(2);
    const points = texts.find((t) => t.includes('积分'));
    expect(points).toContain('有 1200 积分将陆续到期，最早一笔于 2026-11-20 到期，全部于 2026-12-01 前到期');
    expect(points).toContain('当前可用积分 5000');
    expect(texts.find((t) => t.includes('升级'))).toContain('升级为金卡会员');
    // crm audited its own reads, for the stated purpose
    const audit = await h.sql<{ actor_id: string; purpose: string }>(
      `SELECT actor_id, purpose FROM audit_log WHERE subject_id = $1 AND purpose = 'loyalty-notice'`,
      [c.id],
    );
    expect(audit.map((a) => a.actor_id)).toEqual(['service:crm', 'service:crm']);
  });

  it('writes to no one for an erased customer, at once rather than after five rounds', async () => {
    const c = await customer();
    const erased = await h.request('POST', `/api/v1/customers/${c.id}/erasure`, {
      as: 'agent',
      body: { reason: 'customer request by email' },
    });
    expect(erased.statusCode).toBe(200);
    await publish(pointsExpiring(c.id, 100, NOW, NOW, 100, NOW));
    const requests = await h.sql<{ status: string; outcome: string; note: string }>(
      `SELECT status, outcome, note FROM notification_request WHERE about_id = $1`,
      [c.id],
    );
    expect(requests).toEqual([
      { status: 'done', outcome: 'no-contact', note: 'customer unknown to crm or erased' },
    ]);
  });

  it('offers the spend that keeps a tier only to a customer who agreed to marketing by email, in their language', async () => {
    const agreed = await customer({
      preferredLanguage: 'en',
      consents: [{ purpose: 'marketing', channel: 'email', granted: true, source: 'store-form' }],
    });
    const notAgreed = await customer({
      consents: [{ purpose: 'surveys', channel: 'email', granted: true, source: 'store-form' }],
    });
    const review = new Date('2027-01-01T00:00:00Z');
    await publish(
      tierAtRisk(agreed.id, 'gold', 'silver', review, { spendMinor: 129_900, purchases: 2 }, NOW),
      tierAtRisk(notAgreed.id, 'gold', 'silver', review, { spendMinor: 129_900, purchases: 2 }, NOW),
    );
    const [offer] = textsTo(agreed.email);
    expect(offer).toContain('would move from Gold to Silver at the review on 2027-01-01');
    expect(offer).toContain('Spending ¥1,299.00 more over 2 more purchases before then keeps Gold');
    expect(textsTo(notAgreed.email)).toEqual([]);
    const log = await h.sql<{ status: string; template: string }>(
      `SELECT status, template FROM notification_delivery WHERE about_id = $1`,
      [notAgreed.id],
    );
    expect(log).toEqual([{ status: 'not-sent', template: 'loyalty-tier-at-risk' }]);
  });
});

// The notifier against a real SMTP listener (smtp-server) and a real HTTP listener, both started here
// on free ports, and a real Postgres for its delivery log.
import { createTestDatabase, freePort, mailText, SmtpListener } from '@cx/testing';
import { createServer, IncomingMessage, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { BaseConfig, loadConfig } from '../src/config';
import { dataSourceOptions, migrate } from '../src/database';
import {
  NotificationRequest,
  NotificationTemplate,
  Notifier,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../src/notify';
import { ManualClock } from '../src/time';

const template: NotificationTemplate = {
  name: 'test-greeting',
  texts: {
    'zh-CN': { subject: '{{store}}的问候', body: '您好{{name}}，谢谢光临。' },
    en: { subject: 'Greetings from {{store}}', body: 'Hello {{name}}, thank you for visiting.' },
  },
};

/** A real HTTP receiver that verifies the signature the way docs/notifications.md tells a gateway to. */
class WebhookListener {
  readonly received: { verified: boolean; body: any }[] = [];
  answer = 204;
  private server!: Server;
  port = 0;

  constructor(
    private readonly secret: string,
    private readonly clock: ManualClock,
  ) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const verified = verifyWebhook(
          this.secret,
          {
            timestamp: req.headers[WEBHOOK_TIMESTAMP_HEADER] as string | undefined,
            signature: req.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined,
          },
          raw,
          this.clock.now(),
        );
        this.received.push({ verified, body: JSON.parse(raw) });
        res.statusCode = verified ? this.answer : 401;
        res.end();
      });
    });
    await new Promise<void>((r) => this.server.listen(this.port, '127.0.0.1', r));
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('Notifier (real SMTP and HTTP listeners, real Postgres)', () => {
  const secret = 'webhook-secret-for-the-notifier-test-0123';
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const smtp = new SmtpListener({ user: 'cx', pass: 'secret-pw' });
  const hook = new WebhookListener(secret, clock);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const notifiers: Notifier[] = [];

  const notifier = (env: Record<string, string>): Notifier => {
    const config: BaseConfig = loadConfig(BaseConfig, {
      NODE_ENV: 'test',
      NOTIFY_RETRY_BASE_MS: '20',
      ...env,
    });
    const n = new Notifier(ds, config, clock);
    notifiers.push(n);
    return n;
  };
  const smtpEnv = () => ({
    ...smtp.env('CX Surveys <noreply@cx.example>'),
    NOTIFY_SMTP_USER: 'cx',
    NOTIFY_SMTP_PASSWORD: 'secret-pw',
  });
  const webhookEnv = () => ({
    NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${hook.port}/notify`,
    NOTIFY_WEBHOOK_SECRET: secret,
  });
  const request = (over: Partial<NotificationRequest> = {}): NotificationRequest => ({
    channel: 'email',
    to: 'wang.fang@example.cn',
    template,
    language: 'en',
    params: { store: 'Jing An', name: 'Ms Wang' },
    about: { type: 'test', id: 'a-1' },
    ...over,
  });
  const logRow = async (id: string) =>
    (await ds.query(`SELECT * FROM notification_delivery WHERE id = $1`, [id]))[0] as Record<string, unknown>;

  beforeAll(async () => {
    await smtp.start();
    await hook.start();
    db = await createTestDatabase();
    await migrate({ url: db.url });
    ds = await new DataSource(dataSourceOptions({ url: db.url, poolSize: 4 })).initialize();
  });

  afterAll(async () => {
    for (const n of notifiers) n.onModuleDestroy();
    await ds?.destroy();
    await db?.drop();
    await smtp.stop();
    await hook.stop();
  });

  beforeEach(() => {
    smtp.refuse = undefined;
    smtp.rcptAttempts = 0;
    hook.answer = 204;
  });

  it('emails the template in the asked language through SMTP with auth, and logs no address or text', async () => {
    const before = smtp.mails.length;
    const d = await notifier(smtpEnv()).send(request({ about: { type: 'test', id: 'mail-1' } }));
    expect(d).toMatchObject({ status: 'sent', attempts: 1, language: 'en', template: 'test-greeting' });
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails[before];
    expect(mail.from).toBe('noreply@cx.example');
    expect(mail.to).toEqual(['wang.fang@example.cn']);
    expect(mail.raw).toContain('Subject: Greetings from Jing An');
    expect(mailText(mail.raw)).toContain('Hello Ms Wang, thank you for visiting.');
    const row = JSON.stringify(await logRow(d.id));
    expect(row).toContain('"about_id":"mail-1"');
    expect(row).not.toContain('wang.fang');
    expect(row).not.toContain('Ms Wang');
  });

  it('writes zh-CN text that arrives intact', async () => {
    const before = smtp.mails.length;
    await notifier(smtpEnv()).send(
      request({ language: 'zh-CN', params: { store: '静安店', name: '王女士' } }),
    );
    expect(mailText(smtp.mails[before].raw)).toContain('您好王女士，谢谢光临。');
  });

  it('retries after the SMTP server refuses for now, and the retry delivers', async () => {
    smtp.refuse = { code: 451, times: 1 };
    const before = smtp.mails.length;
    const d = await notifier(smtpEnv()).send(request({ about: { type: 'test', id: 'retry-1' } }));
    expect(smtp.rcptAttempts).toBe(2);
    expect(smtp.mails).toHaveLength(before + 1);
    expect(d).toMatchObject({ status: 'sent', attempts: 2 });
    expect(d.lastError).toBeNull();
  });

  it('gives up after NOTIFY_MAX_ATTEMPTS transient refusals: failed, the address redacted from the error', async () => {
    smtp.refuse = { code: 451, times: 10 };
    const d = await notifier({ ...smtpEnv(), NOTIFY_MAX_ATTEMPTS: '3' }).send(request());
    expect(smtp.rcptAttempts).toBe(3);
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    expect(d.lastError).toContain('refused for now');
    expect(d.lastError).not.toContain('wang.fang');
  });

  it('records a permanent refusal (5xx) as bounced without retrying', async () => {
    smtp.refuse = { code: 550, times: 1 };
    const d = await notifier(smtpEnv()).send(request());
    expect(smtp.rcptAttempts).toBe(1);
    expect(d).toMatchObject({ status: 'bounced', attempts: 1 });
  });

  it('records an unreachable SMTP server as failed after its tries', async () => {
    const closed = await freePort();
    const d = await notifier({
      ...smtpEnv(),
      NOTIFY_SMTP_PORT: String(closed),
      NOTIFY_MAX_ATTEMPTS: '2',
    }).send(request());
    expect(d).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('posts a signed webhook the receiver verifies', async () => {
    const before = hook.received.length;
    const d = await notifier(webhookEnv()).send(
      request({ channel: 'webhook', to: '+8613800000000', about: { type: 'test', id: 'hook-1' } }),
    );
    expect(d).toMatchObject({ status: 'sent', attempts: 1, channel: 'webhook' });
    expect(hook.received[before]).toEqual({
      verified: true,
      body: {
        template: 'test-greeting',
        language: 'en',
        to: '+8613800000000',
        subject: 'Greetings from Jing An',
        body: 'Hello Ms Wang, thank you for visiting.',
        about: { type: 'test', id: 'hook-1' },
      },
    });
    expect(JSON.stringify(await logRow(d.id))).not.toContain('13800000000');
  });

  it('is refused by the receiver when signed with another secret (bounced, 401)', async () => {
    const d = await notifier({
      ...webhookEnv(),
      NOTIFY_WEBHOOK_SECRET: 'another-secret-of-thirty-two-characters',
    }).send(request({ channel: 'webhook', to: 'openid-1' }));
    expect(d).toMatchObject({ status: 'bounced', lastError: 'webhook answered 401' });
    expect(hook.received[hook.received.length - 1].verified).toBe(false);
  });

  it('retries a webhook answering 503', async () => {
    hook.answer = 503;
    const before = hook.received.length;
    const d = await notifier({ ...webhookEnv(), NOTIFY_MAX_ATTEMPTS: '2' }).send(
      request({ channel: 'webhook', to: 'x' }),
    );
    expect(hook.received.length - before).toBe(2);
    expect(d).toMatchObject({ status: 'failed', attempts: 2, lastError: 'webhook answered 503' });
  });

  it('records not-sent with no channel configured, or no contact, and sends nothing', async () => {
    const mails = smtp.mails.length;
    const none = await notifier({}).send(request());
    expect(none).toMatchObject({
      status: 'not-sent',
      attempts: 0,
      lastError: 'channel email is not configured',
    });
    const noContact = await notifier(smtpEnv()).send(request({ to: null }));
    expect(noContact).toMatchObject({
      status: 'not-sent',
      attempts: 0,
      lastError: 'no contact for channel email',
    });
    expect(smtp.mails).toHaveLength(mails);
  });

  it('sends once per key; a not-sent delivery is tried again on the same row when the channel exists', async () => {
    const key = `k-${Date.now()}`;
    const first = await notifier({}).send(request({ key }));
    expect(first.status).toBe('not-sent');
    const mails = smtp.mails.length;
    const n = notifier(smtpEnv());
    const second = await n.send(request({ key }));
    const third = await n.send(request({ key }));
    expect(second).toMatchObject({ id: first.id, status: 'sent', attempts: 1 });
    expect(third).toEqual(second);
    expect(smtp.mails).toHaveLength(mails + 1);
    expect(await n.deliveries({ aboutType: 'test', status: 'sent', limit: 500 })).toContainEqual(second);
  });

  it('throws, sending nothing, when the params leave a placeholder empty', async () => {
    const mails = smtp.mails.length;
    await expect(notifier(smtpEnv()).send(request({ params: { store: 'x' } }))).rejects.toThrow(/needs name/);
    expect(smtp.mails).toHaveLength(mails);
  });

  it('refuses a config with a host and no sender, or a webhook without its secret', () => {
    expect(() => loadConfig(BaseConfig, { NODE_ENV: 'test', NOTIFY_SMTP_HOST: 'mail' })).toThrow(
      /NOTIFY_SMTP_FROM/,
    );
    expect(() => loadConfig(BaseConfig, { NODE_ENV: 'test', NOTIFY_WEBHOOK_URL: 'http://gw' })).toThrow(
      /NOTIFY_WEBHOOK_SECRET/,
    );
  });
});

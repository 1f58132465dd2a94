import { uuidv7 } from '@cx/contracts';
import { Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { BaseConfig } from '../config/config';
import { Clock } from '../time/clock';
import {
  DeliveryStatus,
  NotificationChannel,
  redactError,
  retryDelayMs,
  smtpOutcome,
  TryOutcome,
  webhookOutcome,
} from './delivery.rules';
import { NotificationTemplate, renderNotification, RenderedNotification } from './templates';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './webhook-signature';

/** One notification to send. */
export interface NotificationRequest {
  channel: NotificationChannel;
  /**
   * Where it goes, for this send only: an email address, or the gateway's recipient (phone number,
   * WeChat openid). Never stored, never logged.
   */
  to: string | null | undefined;
  template: NotificationTemplate;
  language: string;
  params: Readonly<Record<string, string | number>>;
  /** What the notification is about (`survey-invitation`, id): recorded in the delivery log. */
  about: { type: string; id: string };
  /**
   * Makes a repeated send (a retried job, a redelivered event) a no-op once the first was sent or
   * refused for good: that delivery is answered again. A failed or not-sent one is tried again, on the
   * same log row.
   */
  key?: string;
}

/** What the delivery log says of one notification. */
export interface DeliveryRecord {
  id: string;
  channel: NotificationChannel;
  template: string;
  language: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  aboutType: string;
  aboutId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What became of one notification's tries (`Notifier.attempt`), before it is recorded. */
export interface Attempt {
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** The language the text was rendered in (the asked one, or the template's fallback). */
  language: string;
}

/**
 * A delivery written again with its key (a failed or not-sent one tried again) is the same log row,
 * with the tries added up. Every writer of `notification_delivery` ends its INSERT with this.
 */
export const DELIVERY_KEY_CONFLICT = `ON CONFLICT (idempotency_key) DO UPDATE SET
         status = EXCLUDED.status, attempts = notification_delivery.attempts + EXCLUDED.attempts,
         last_error = EXCLUDED.last_error, language = EXCLUDED.language, updated_at = EXCLUDED.updated_at`;

interface TryResult {
  outcome: TryOutcome;
  error?: string;
}

/**
 * The platform's notifier (docs/notifications.md, ADR 16): renders a template in the recipient's
 * language and sends it by email over SMTP or to a signed webhook (an SMS/WeChat gateway), retrying
 * transient failures with exponential backoff, and records the outcome in `notification_delivery`.
 * The log holds what the notification was about, never the address or the rendered text.
 *
 * `send` waits for the retries (at most NOTIFY_MAX_ATTEMPTS tries): call it from background work
 * (a scheduled job, an event handler after its commit), not while holding a transaction.
 */
@Injectable()
export class Notifier implements OnModuleDestroy {
  private readonly log = new Logger('Notifier');
  private mailer?: Transporter;

  constructor(
    private readonly ds: DataSource,
    private readonly config: BaseConfig,
    private readonly clock: Clock,
  ) {}

  /** Whether `channel` has its settings; a send through an unconfigured channel is recorded as not sent. */
  configured(channel: NotificationChannel): boolean {
    return channel === 'email' ? !!this.config.NOTIFY_SMTP_HOST : !!this.config.NOTIFY_WEBHOOK_URL;
  }

  async send(req: NotificationRequest): Promise<DeliveryRecord> {
    if (req.key) {
      const first = await this.findByKey(req.key);
      if (first && (first.status === 'sent' || first.status === 'bounced')) return first;
    }
    const tried = await this.attempt(req);
    const record = await this.record(req, tried);
    if (tried.status !== 'sent')
      this.log.warn(
        `${req.template.name} about ${req.about.type} ${req.about.id} by ${req.channel}: ${tried.status} (${tried.lastError ?? ''})`,
      );
    return record;
  }

  /**
   * Renders and sends `req` with its retries, and answers what became of it, writing nothing: the
   * caller records it (the dispatcher records it with its request, in one statement). `attempts` 0:
   * nothing was sent (no channel configured, no contact).
   */
  async attempt(req: NotificationRequest): Promise<Attempt> {
    // Rendering first: a template the params do not fill is the caller's bug and throws, never "sent".
    const rendered = renderNotification(req.template, req.language, req.params);
    const language = rendered.language;
    if (!this.configured(req.channel))
      return {
        status: 'not-sent',
        attempts: 0,
        lastError: `channel ${req.channel} is not configured`,
        language,
      };
    if (!req.to)
      return {
        status: 'not-sent',
        attempts: 0,
        lastError: `no contact for channel ${req.channel}`,
        language,
      };
    const to = req.to;
    let attempts = 0;
    for (;;) {
      attempts++;
      const result = await this.tryOnce(req, to, rendered);
      const lastError = result.error === undefined ? null : redactError(result.error, [to]);
      if (result.outcome === 'sent') return { status: 'sent', attempts, lastError, language };
      if (result.outcome === 'permanent') return { status: 'bounced', attempts, lastError, language };
      if (attempts >= this.config.NOTIFY_MAX_ATTEMPTS)
        return { status: 'failed', attempts, lastError, language };
      await sleep(retryDelayMs(attempts, this.config.NOTIFY_RETRY_BASE_MS));
    }
  }

  /** The delivery log, newest first, optionally of one subject (`about`) or status. */
  async deliveries(
    filter: { aboutType?: string; aboutId?: string; status?: DeliveryStatus; limit?: number } = {},
  ): Promise<DeliveryRecord[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM notification_delivery
        WHERE ($1::text IS NULL OR about_type = $1) AND ($2::text IS NULL OR about_id = $2)
          AND ($3::text IS NULL OR status = $3)
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [filter.aboutType ?? null, filter.aboutId ?? null, filter.status ?? null, filter.limit ?? 100],
    );
    return rows.map(toDeliveryRecord);
  }

  async findById(id: string): Promise<DeliveryRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM notification_delivery WHERE id = $1`,
      [id],
    );
    return rows[0] ? toDeliveryRecord(rows[0]) : undefined;
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }

  private async findByKey(key: string): Promise<DeliveryRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM notification_delivery WHERE idempotency_key = $1`,
      [key],
    );
    return rows[0] ? toDeliveryRecord(rows[0]) : undefined;
  }

  private async record(req: NotificationRequest, tried: Attempt): Promise<DeliveryRecord> {
    const now = this.clock.now();
    const rows: Record<string, unknown>[] = await this.ds.query(
      `INSERT INTO notification_delivery
         (id, channel, template, language, status, attempts, last_error, about_type, about_id,
          idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ${DELIVERY_KEY_CONFLICT}
       RETURNING *`,
      [
        uuidv7(),
        req.channel,
        req.template.name,
        tried.language,
        tried.status,
        tried.attempts,
        tried.lastError,
        req.about.type,
        req.about.id,
        req.key ?? null,
        now,
      ],
    );
    return toDeliveryRecord(rows[0]);
  }

  private tryOnce(req: NotificationRequest, to: string, text: RenderedNotification): Promise<TryResult> {
    return req.channel === 'email' ? this.tryEmail(to, text) : this.tryWebhook(req, to, text);
  }

  private async tryEmail(to: string, text: RenderedNotification): Promise<TryResult> {
    const c = this.config;
    // Pooled: one SMTP connection serves many messages (a connection and its greeting per message
    // were most of a send's time, bench/notify-dispatch.bench.ts).
    this.mailer ??= createTransport({
      pool: true,
      maxConnections: 2,
      host: c.NOTIFY_SMTP_HOST,
      port: c.NOTIFY_SMTP_PORT,
      secure: c.NOTIFY_SMTP_SECURE,
      auth: c.NOTIFY_SMTP_USER ? { user: c.NOTIFY_SMTP_USER, pass: c.NOTIFY_SMTP_PASSWORD ?? '' } : undefined,
      connectionTimeout: c.NOTIFY_TIMEOUT_MS,
      greetingTimeout: c.NOTIFY_TIMEOUT_MS,
      socketTimeout: c.NOTIFY_TIMEOUT_MS,
      logger: false,
    });
    try {
      await this.mailer.sendMail({
        from: c.NOTIFY_SMTP_FROM,
        to,
        subject: text.subject,
        text: text.body,
        headers: { 'Content-Language': text.language },
      });
      return { outcome: 'sent' };
    } catch (e) {
      const err = e as Error & { responseCode?: number };
      return { outcome: smtpOutcome(err.responseCode), error: err.message };
    }
  }

  private async tryWebhook(
    req: NotificationRequest,
    to: string,
    text: RenderedNotification,
  ): Promise<TryResult> {
    const c = this.config;
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const body = JSON.stringify({
      template: req.template.name,
      language: text.language,
      to,
      subject: text.subject,
      body: text.body,
      about: req.about,
    });
    try {
      const res = await fetch(c.NOTIFY_WEBHOOK_URL!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(c.NOTIFY_WEBHOOK_SECRET!, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(c.NOTIFY_TIMEOUT_MS),
      });
      await res.body?.cancel();
      const outcome = webhookOutcome(res.status);
      return outcome === 'sent' ? { outcome } : { outcome, error: `webhook answered ${res.status}` };
    } catch (e) {
      return { outcome: 'transient', error: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** A `notification_delivery` row as the log's record. */
export function toDeliveryRecord(r: Record<string, unknown>): DeliveryRecord {
  return {
    id: r.id as string,
    channel: r.channel as NotificationChannel,
    template: r.template as string,
    language: r.language as string,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    aboutType: r.about_type as string,
    aboutId: r.about_id as string,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/**
 * Import in a feature module that sends notifications. `Notifier` is one instance per service, provided
 * by the platform's global module (its dispatcher sends with it too); this module only says so.
 */
@Module({})
export class NotifierModule {}

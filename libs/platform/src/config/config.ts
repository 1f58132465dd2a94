import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
  ValidateIf,
  ValidationError,
} from 'class-validator';

/** A configuration problem found at start-up: names every variable that is wrong and why. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; messages: string[] }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.messages.join('; ')}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The environment every service reads. Services extend it with their own variables.
 * Nothing outside a config class reads process.env.
 */
export class BaseConfig {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^(nats|tls|ws|wss):\/\/[^,]+(,(nats|tls|ws|wss):\/\/[^,]+)*$/, {
    message: 'must be one or more comma-separated nats:// URLs',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Prefix for every subject and stream name: isolates test runs or environments sharing one NATS. */
  @IsOptional()
  @Matches(/^([a-z0-9-]+)?$/, { message: 'must be lower-case letters, digits and dashes' })
  NATS_NAMESPACE = '';

  @IsOptional()
  @IsIn(['HS256', 'RS256'])
  JWT_ALGORITHM: 'HS256' | 'RS256' = 'HS256';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^.{32,}$/s, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER = 'cx-platform';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_AUDIENCE?: string;

  /** Comma-separated `keyId:base64key` pairs, each key 32 bytes (AES-256). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'must be comma-separated keyId:base64key pairs',
  })
  PII_KEYS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PII_ACTIVE_KEY_ID?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9+/=]{43,}$/, { message: 'must be a base64 key of at least 32 bytes' })
  PII_HASH_KEY?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** How long SIGTERM waits for in-flight work before closing. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_GRACE_MS = 10_000;

  /** Database pool size per process. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * Postgres `backend_flush_after` of the service's sessions, in kB (0: Postgres's default, off). A
   * session that has written this much data out of shared buffers asks the kernel to start writing it
   * to disk, instead of leaving it dirty until the kernel's periodic writeback flushes everything of a
   * busy half-minute at once and the commits of that moment wait behind it (ADR 52).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2048)
  DATABASE_FLUSH_AFTER_KB = 256;

  /** Size bound of this service's event stream; when full, events wait in the outbox (discard: new). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024 * 1024)
  EVENT_STREAM_MAX_BYTES = 1024 ** 3;

  /** How long events stay replayable in the stream. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  EVENT_STREAM_MAX_AGE_HOURS = 168;

  /** JetStream replicas of the event stream (3 in production clusters). */
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 3, 5])
  EVENT_STREAM_REPLICAS = 1;

  /** Redelivery after this long without an ack (slow handlers send heartbeats). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  CONSUMER_ACK_WAIT_MS = 30_000;

  /** Deliveries before a failing event is dead-lettered. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_MAX_DELIVERIES = 5;

  /** First retry delay; doubles per delivery. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CONSUMER_RETRY_BASE_MS = 1_000;

  /** Parallel lanes per event consumer (messages of one aggregate always share a lane); see ConsumerOptions.concurrency. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(128)
  CONSUMER_CONCURRENCY = 8;

  /**
   * How long an Idempotency-Key (and the first answer stored with it) is kept: a retry within this
   * time gets the first answer, a later one creates anew. Swept hourly (docs/api.md#idempotency-key).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 168;

  // The notifier (libs/platform/src/notify, docs/notifications.md): a channel without its settings is
  // "not configured", and what would go through it is recorded as not sent.

  /** SMTP server for email notifications; unset: email is not configured. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTIFY_SMTP_HOST?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  NOTIFY_SMTP_PORT = 587;

  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  NOTIFY_SMTP_SECURE = false;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTIFY_SMTP_USER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTIFY_SMTP_PASSWORD?: string;

  /** Sender of every email ("CX <noreply@example.com>"); required with NOTIFY_SMTP_HOST. */
  @ValidateIf((c: BaseConfig) => !!c.NOTIFY_SMTP_HOST)
  @Transform(emptyToUndefined)
  @IsString({ message: 'is required with NOTIFY_SMTP_HOST' })
  NOTIFY_SMTP_FROM?: string;

  /** The SMS/WeChat gateway's endpoint for signed webhook notifications; unset: not configured. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NOTIFY_WEBHOOK_URL?: string;

  /** HMAC-SHA256 key of the webhook signature; required with NOTIFY_WEBHOOK_URL. */
  @ValidateIf((c: BaseConfig) => !!c.NOTIFY_WEBHOOK_URL)
  @Transform(emptyToUndefined)
  @Matches(/^.{32,}$/s, { message: 'must be at least 32 characters (required with NOTIFY_WEBHOOK_URL)' })
  NOTIFY_WEBHOOK_SECRET?: string;

  /** Tries per notification (the first included) before it is recorded as failed. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  NOTIFY_MAX_ATTEMPTS = 3;

  /** Wait before the second try; doubles for each further one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_RETRY_BASE_MS = 2_000;

  /** Longest wait for one try (SMTP connection and greeting, the webhook's answer). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  NOTIFY_TIMEOUT_MS = 10_000;

  /** How often the notifications a service's events asked for are looked for and sent (ADR 31). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  NOTIFY_DISPATCH_INTERVAL_MS = 2_000;
}

/** Development-only defaults for secrets; production must set them explicitly. */
export const DEV_JWT_SECRET = 'cx-dev-only-jwt-secret-change-me-0123456789';
export const DEV_PII_KEYS = 'dev1:ZGV2LW9ubHktcGlpLWtleS0zMi1ieXRlcy1sb25nISE=';
export const DEV_PII_HASH_KEY = 'ZGV2LW9ubHktcGlpLWhhc2gta2V5LTMyLWJ5dGVzLWxvbmch';

function flatten(errors: ValidationError[]): { variable: string; messages: string[] }[] {
  return errors.map((e) => ({ variable: e.property, messages: Object.values(e.constraints ?? {}) }));
}

/**
 * Reads and validates the environment into a typed config. A wrong or missing value throws a
 * ConfigError naming the variable, so a bad deployment stops at start-up, not at first use.
 */
export function loadConfig<T extends BaseConfig>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) raw[k] = v;
  const config = plainToInstance(cls, raw, { exposeDefaultValues: true });
  const problems = flatten(validateSync(config, { skipMissingProperties: false }));

  if (config.NODE_ENV === 'production') {
    const require = (name: keyof BaseConfig, why: string) => {
      if (!config[name]) problems.push({ variable: name, messages: [why] });
    };
    require('DATABASE_URL', 'is required in production');
    if (config.JWT_ALGORITHM === 'HS256') require('JWT_SECRET', 'is required in production with HS256');
    if (config.JWT_ALGORITHM === 'RS256' && !config.JWT_JWKS_URL && !config.JWT_PUBLIC_KEY)
      problems.push({
        variable: 'JWT_JWKS_URL',
        messages: ['JWT_JWKS_URL or JWT_PUBLIC_KEY is required with RS256'],
      });
    require('PII_KEYS', 'is required in production');
    require('PII_HASH_KEY', 'is required in production');
  } else {
    config.JWT_SECRET ??= DEV_JWT_SECRET;
    config.PII_KEYS ??= DEV_PII_KEYS;
    config.PII_HASH_KEY ??= DEV_PII_HASH_KEY;
  }
  if (config.PII_KEYS) {
    const ids = config.PII_KEYS.split(',').map((p) => p.split(':')[0]);
    for (const pair of config.PII_KEYS.split(',')) {
      const [id, key] = pair.split(':');
      if (Buffer.from(key, 'base64').length !== 32)
        problems.push({ variable: 'PII_KEYS', messages: [`key ${id} must decode to exactly 32 bytes`] });
    }
    config.PII_ACTIVE_KEY_ID ??= ids[ids.length - 1];
    if (!ids.includes(config.PII_ACTIVE_KEY_ID))
      problems.push({
        variable: 'PII_ACTIVE_KEY_ID',
        messages: [`must be one of the ids in PII_KEYS (${ids.join(', ')})`],
      });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

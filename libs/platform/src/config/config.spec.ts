import { BaseConfig, ConfigError, DEV_JWT_SECRET, loadConfig } from './config';
import { IsInt, Min } from 'class-validator';
import { Type } from 'class-transformer';

class ComplaintsLikeConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REPEAT_WINDOW_DAYS = 30;
}

function problemsOf(env: Record<string, string>): Record<string, string[]> {
  try {
    loadConfig(ComplaintsLikeConfig, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return Object.fromEntries((e as ConfigError).problems.map((p) => [p.variable, p.messages]));
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives typed defaults for development', () => {
    const c = loadConfig(ComplaintsLikeConfig, {});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      NATS_URL: 'nats://127.0.0.1:4222',
      REPEAT_WINDOW_DAYS: 30,
      JWT_SECRET: DEV_JWT_SECRET,
    });
    expect(c.PII_ACTIVE_KEY_ID).toBe('dev1');
  });

  it('converts numbers and keeps service variables', () => {
    const c = loadConfig(ComplaintsLikeConfig, {
      PORT: '4100',
      REPEAT_WINDOW_DAYS: '14',
      CONSUMER_MAX_DELIVERIES: '3',
    });
    expect(c.PORT).toBe(4100);
    expect(c.REPEAT_WINDOW_DAYS).toBe(14);
    expect(c.CONSUMER_MAX_DELIVERIES).toBe(3);
  });

  it('names every wrong variable and says why', () => {
    const p = problemsOf({
      PORT: 'eighty',
      NATS_URL: 'http://nats:4222',
      REPEAT_WINDOW_DAYS: '0',
      LOG_LEVEL: 'chatty',
      NATS_NAMESPACE: 'Has Spaces',
    });
    expect(Object.keys(p).sort()).toEqual([
      'LOG_LEVEL',
      'NATS_NAMESPACE',
      'NATS_URL',
      'PORT',
      'REPEAT_WINDOW_DAYS',
    ]);
    expect(p.NATS_URL[0]).toMatch(/nats:\/\//);
  });

  it('refuses production without explicit secrets and database', () => {
    const p = problemsOf({ NODE_ENV: 'production' });
    expect(Object.keys(p).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'PII_HASH_KEY', 'PII_KEYS']);
  });

  it('checks PII keys: 32 bytes each, and the active id must exist', () => {
    const short = Buffer.alloc(16).toString('base64');
    const good = Buffer.alloc(32, 1).toString('base64');
    expect(problemsOf({ PII_KEYS: `k1:${short}` }).PII_KEYS[0]).toMatch(/32 bytes/);
    expect(problemsOf({ PII_KEYS: `k1:${good}`, PII_ACTIVE_KEY_ID: 'k9' }).PII_ACTIVE_KEY_ID[0]).toMatch(
      /k1/,
    );
    expect(loadConfig(BaseConfig, { PII_KEYS: `k1:${good},k2:${good}` }).PII_ACTIVE_KEY_ID).toBe('k2');
  });

  it('requires a verification key for RS256 in production', () => {
    const p = problemsOf({
      NODE_ENV: 'production',
      JWT_ALGORITHM: 'RS256',
      DATABASE_URL: 'postgres://x@h/db',
      PII_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
      PII_HASH_KEY: Buffer.alloc(32).toString('base64'),
    });
    expect(Object.keys(p)).toEqual(['JWT_JWKS_URL']);
  });
});

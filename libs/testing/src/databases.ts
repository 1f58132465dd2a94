import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The Postgres every developer machine and CI runs (override with TEST_DATABASE_URL). */
export const SHARED_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SHARED_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export function uniqueName(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A namespace for subjects and streams so parallel test files never see each other's messages. */
export function uniqueNamespace(): string {
  return uniqueName('t');
}

export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A throwaway database on the given server; drop() removes it (and kicks out leftover sessions). */
export async function createTestDatabase(
  serverUrl = SHARED_POSTGRES_URL,
  prefix = 'cx_test_',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = uniqueName(prefix);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

// A database of its own for a test of the platform's entity-metadata statements (insertRows,
// PreparedRead, ChangedColumns): the platform's migrations, a PII cipher with a fresh key (for
// `encrypted()` columns), the test's own table and a DataSource with its entity.
import { createTestDatabase } from '@cx/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, EntityClass, migrate } from '../../src/database/data-source';
import { PiiCipher } from '../../src/pii/pii.cipher';

export interface EntityTable {
  ds: DataSource;
  stop(): Promise<void>;
}

export async function entityTable(
  entity: EntityClass,
  createTable: string,
  poolSize = 2,
): Promise<EntityTable> {
  PiiCipher.install(
    new PiiCipher({ keys: new Map([['k1', randomBytes(32)]]), activeKeyId: 'k1', hashKey: randomBytes(32) }),
  );
  const db = await createTestDatabase();
  await migrate({ url: db.url });
  const ds = await new DataSource(
    dataSourceOptions({ url: db.url, entities: [entity], poolSize }),
  ).initialize();
  await ds.query(createTable);
  return {
    ds,
    async stop() {
      PiiCipher.uninstall();
      await ds.destroy();
      await db.drop();
    },
  };
}

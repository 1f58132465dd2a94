import { notifyOnChange } from '@cx/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Store zones and the remedial mapping, read on every event, tell every replica when they change (see CachedReads). */
export const STORE_ZONE_CHANNEL = 'training_store_zone';
export const REMEDIAL_CHANNEL = 'training_remedial';
const TABLES: [string, string][] = [
  ['store_zone', STORE_ZONE_CHANNEL],
  ['remedial_rule', REMEDIAL_CHANNEL],
  ['remedial_settings', REMEDIAL_CHANNEL],
];

export class ReferenceChangeNotifications1797300000000 implements MigrationInterface {
  name = 'ReferenceChangeNotifications1797300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, channel] of TABLES) await q.query(notifyOnChange(table, channel));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
  }
}

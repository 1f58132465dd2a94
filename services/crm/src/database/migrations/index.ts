import { MigrationClass } from '@cx/platform';
import { Loyalty1765200000000 } from './1765200000000-Loyalty';
import { Timeline1765300000000 } from './1765300000000-Timeline';

/** The crm service's migrations, oldest first (the platform's own tables are migrated before these). */
export const crmMigrations: MigrationClass[] = [Loyalty1765200000000, Timeline1765300000000];

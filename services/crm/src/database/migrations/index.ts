import { MigrationClass } from '@cx/platform';
import { Loyalty1765200000000 } from './1765200000000-Loyalty';

/** The crm service's migrations, oldest first (the platform's own tables are migrated before these). */
export const crmMigrations: MigrationClass[] = [Loyalty1765200000000];

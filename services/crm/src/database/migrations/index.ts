import { MigrationClass } from '@cx/platform';

/** The crm service's migrations, oldest first (the platform's own tables are migrated before these). */
export const crmMigrations: MigrationClass[] = [];

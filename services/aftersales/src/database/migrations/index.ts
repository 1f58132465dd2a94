import { MigrationClass } from '@cx/platform';

/** The aftersales service's migrations, oldest first (the platform's own tables are migrated before these). */
export const aftersalesMigrations: MigrationClass[] = [];

import { MigrationClass } from '@cx/platform';

/** The complaints service's migrations, oldest first (the platform's own tables are migrated before these). */
export const complaintsMigrations: MigrationClass[] = [];

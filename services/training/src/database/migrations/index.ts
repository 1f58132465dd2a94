import { MigrationClass } from '@cx/platform';

/** The training service's migrations, oldest first (the platform's own tables are migrated before these). */
export const trainingMigrations: MigrationClass[] = [];

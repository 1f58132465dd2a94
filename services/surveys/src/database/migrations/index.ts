import { MigrationClass } from '@cx/platform';

/** The surveys service's migrations, oldest first (the platform's own tables are migrated before these). */
export const surveysMigrations: MigrationClass[] = [];

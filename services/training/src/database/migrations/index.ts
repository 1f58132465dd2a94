import { MigrationClass } from '@cx/platform';
import { Employees1796528975622 } from './1796528975622-Employees';

/** The training service's migrations, oldest first (the platform's own tables are migrated before these). */
export const trainingMigrations: MigrationClass[] = [Employees1796528975622];

import { MigrationClass } from '@cx/platform';
import { Warranty1796529263363 } from './1796529263363-Warranty';
import { Returns1796529263400 } from './1796529263400-Returns';

/** The aftersales service's migrations, oldest first (the platform's own tables are migrated before these). */
export const aftersalesMigrations: MigrationClass[] = [Warranty1796529263363, Returns1796529263400];

import { MigrationClass } from '@cx/platform';
import { TouchpointsAndQuestionnaires1796529504599 } from './1796529504599-TouchpointsAndQuestionnaires';

/** The surveys service's migrations, oldest first (the platform's own tables are migrated before these). */
export const surveysMigrations: MigrationClass[] = [TouchpointsAndQuestionnaires1796529504599];

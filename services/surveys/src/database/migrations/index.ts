import { MigrationClass } from '@cx/platform';
import { TouchpointsAndQuestionnaires1796529504599 } from './1796529504599-TouchpointsAndQuestionnaires';
import { InvitationsAndResponses1796530000000 } from './1796530000000-InvitationsAndResponses';

/** The surveys service's migrations, oldest first (the platform's own tables are migrated before these). */
export const surveysMigrations: MigrationClass[] = [
  TouchpointsAndQuestionnaires1796529504599,
  InvitationsAndResponses1796530000000,
];

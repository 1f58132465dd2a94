import { MigrationClass } from '@cx/platform';
import { TouchpointsAndQuestionnaires1796529504599 } from './1796529504599-TouchpointsAndQuestionnaires';
import { InvitationsAndResponses1796530000000 } from './1796530000000-InvitationsAndResponses';
import { ScoresAndAlerts1796531000000 } from './1796531000000-ScoresAndAlerts';
import { Audits1796532000000 } from './1796532000000-Audits';
import { Campaigns1796533000000 } from './1796533000000-Campaigns';
import { ScoreIndexes1796534000000 } from './1796534000000-ScoreIndexes';
import { EvidenceUploader1796535000000 } from './1796535000000-EvidenceUploader';
import { ResponseDailyRollup1796536000000 } from './1796536000000-ResponseDailyRollup';
import { CampaignMembers1796537000000 } from './1796537000000-CampaignMembers';
import { ResponseWithoutQuestionnaireKey1796538000000 } from './1796538000000-ResponseWithoutQuestionnaireKey';
import { CxReport1796553806649 } from './1796553806649-CxReport';
import { ImprovementMeasure1796553814078 } from './1796553814078-ImprovementMeasure';
import { InvitationPolicyNotifications1796560000000 } from './1796560000000-InvitationPolicyNotifications';

/** The surveys service's migrations, oldest first (the platform's own tables are migrated before these). */
export const surveysMigrations: MigrationClass[] = [
  TouchpointsAndQuestionnaires1796529504599,
  InvitationsAndResponses1796530000000,
  ScoresAndAlerts1796531000000,
  Audits1796532000000,
  Campaigns1796533000000,
  ScoreIndexes1796534000000,
  EvidenceUploader1796535000000,
  ResponseDailyRollup1796536000000,
  CampaignMembers1796537000000,
  ResponseWithoutQuestionnaireKey1796538000000,
  CxReport1796553806649,
  ImprovementMeasure1796553814078,
  InvitationPolicyNotifications1796560000000,
];

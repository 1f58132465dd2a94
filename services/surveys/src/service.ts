import { ServiceDefinition } from '@cx/platform';
import {
  AuditEntity,
  AuditEvidenceEntity,
  AuditorEntity,
  ChecklistEntity,
  CorrectiveActionEntity,
} from './audit/audit.entity';
import { AuditModule } from './audit/audit.module';
import { CampaignEntity } from './campaign/campaign.entity';
import { SurveysConfig } from './config';
import { CxReportEntity } from './cx-report/cx-report.entity';
import { CxReportModule } from './cx-report/cx-report.module';
import { surveysMigrations } from './database/migrations';
import { ImprovementMeasureEntity } from './improvement-measure/improvement-measure.entity';
import { ImprovementMeasureModule } from './improvement-measure/improvement-measure.module';
import { InvitationEntity } from './invitation/invitation.entity';
import { InvitationModule } from './invitation/invitation.module';
import { QuestionnaireEntity, QuestionnaireVersionEntity } from './questionnaire/questionnaire.entity';
import { QuestionnaireModule } from './questionnaire/questionnaire.module';
import { ResponseEntity } from './response/response.entity';
import { ScoresModule } from './scores/scores.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { SurveySettingsEntity, SurveyTriggerEntity } from './settings/settings.entity';
import { SettingsModule } from './settings/settings.module';
import { TouchpointEntity } from './touchpoint/touchpoint.entity';
import { TouchpointModule } from './touchpoint/touchpoint.module';
import { SURVEYS_NOTIFICATIONS } from './notification/alert.notifications';
import { CX_REPORT_NOTIFICATIONS } from './notification/cx-report.notifications';

/** How the platform runs the surveys service: its port, config, modules, entities and migrations. */
export const surveysService: ServiceDefinition<SurveysConfig> = {
  name: 'surveys',
  title: 'Surveys API',
  description:
    'Satisfaction surveys, key touchpoints, mystery-shopper audits, and the periodic CX report with the departments’ improvement measures.',
  version: '0.1.0',
  defaultPort: 3004,
  config: SurveysConfig,
  imports: [
    TouchpointModule,
    QuestionnaireModule,
    SettingsModule,
    InvitationModule,
    ScoresModule,
    AuditModule,
    ScorecardModule,
    CxReportModule,
    ImprovementMeasureModule,
  ],
  entities: [
    TouchpointEntity,
    QuestionnaireEntity,
    QuestionnaireVersionEntity,
    InvitationEntity,
    ResponseEntity,
    SurveyTriggerEntity,
    SurveySettingsEntity,
    ChecklistEntity,
    AuditorEntity,
    AuditEntity,
    CorrectiveActionEntity,
    AuditEvidenceEntity,
    CampaignEntity,
    CxReportEntity,
    ImprovementMeasureEntity,
  ],
  migrations: surveysMigrations,
  notifications: [...SURVEYS_NOTIFICATIONS, ...CX_REPORT_NOTIFICATIONS],
};

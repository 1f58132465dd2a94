import { ServiceDefinition } from '@cx/platform';
import { AdminModule } from './admin/admin.module';
import { KpiAlertEntity } from './alert/kpi-alert.entity';
import { KpiAlertModule } from './alert/kpi-alert.module';
import { AnalyticsModule } from './analytics/analytics.module';
import {
  ComplaintCommentEntity,
  ComplaintEntity,
  CustomerReplyEntity,
  ComplaintHistoryEntity,
  PlanStepEntity,
  SlaPauseEntity,
  TeamMemberEntity,
} from './complaint/complaint.entity';
import { ComplaintModule } from './complaint/complaint.module';
import { ComplaintsConfig } from './config';
import { CustomerTierEntity, RecordedOrderEntity } from './customer/customer.entity';
import { complaintsMigrations } from './database/migrations';
import { CompensationEntity } from './compensation/compensation.entity';
import { CompensationModule } from './compensation/compensation.module';
import { HandlingModule } from './handling/handling.module';
import { CorrectiveActionEntity } from './improvement/corrective-action.entity';
import { ImprovementModule } from './improvement/improvement.module';
import { QueueModule } from './queue/queue.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { IncidentEntity, IncidentEventEntity } from './incident/incident.entity';
import { IncidentModule } from './incident/incident.module';
import { SlaSweeperModule } from './sla/sla-sweeper.module';
import {
  CategoryEntity,
  CauseCodeEntity,
  ComplaintPolicyEntity,
  SlaRuleEntity,
  StoreCalendarEntity,
} from './policy/policy.entity';
import { COMPLAINT_NOTIFICATIONS } from './notification/complaint.notifications';

/** How the platform runs the complaints service: its port, config, modules, entities and migrations. */
export const complaintsService: ServiceDefinition<ComplaintsConfig> = {
  name: 'complaints',
  title: 'Complaints API',
  description:
    'Multi-channel complaint intake, triage, first-contact ownership, SLA with escalation, follow-up and analytics.',
  version: '0.1.0',
  defaultPort: 3002,
  config: ComplaintsConfig,
  imports: [
    ComplaintModule,
    HandlingModule,
    SlaSweeperModule,
    AdminModule,
    AnalyticsModule,
    IncidentModule,
    ImprovementModule,
    QueueModule,
    CompensationModule,
    KpiAlertModule,
    ScorecardModule,
  ],
  entities: [
    ComplaintEntity,
    ComplaintHistoryEntity,
    ComplaintCommentEntity,
    SlaPauseEntity,
    TeamMemberEntity,
    PlanStepEntity,
    SlaRuleEntity,
    StoreCalendarEntity,
    CategoryEntity,
    ComplaintPolicyEntity,
    CustomerTierEntity,
    RecordedOrderEntity,
    IncidentEntity,
    IncidentEventEntity,
    CauseCodeEntity,
    CorrectiveActionEntity,
    CustomerReplyEntity,
    CompensationEntity,
    KpiAlertEntity,
  ],
  migrations: complaintsMigrations,
  notifications: COMPLAINT_NOTIFICATIONS,
};

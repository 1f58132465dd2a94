import { ServiceDefinition } from '@cx/platform';
import { AdminModule } from './admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import {
  ComplaintCommentEntity,
  ComplaintEntity,
  ComplaintHistoryEntity,
  PlanStepEntity,
  SlaPauseEntity,
  TeamMemberEntity,
} from './complaint/complaint.entity';
import { ComplaintModule } from './complaint/complaint.module';
import { ComplaintsConfig } from './config';
import { CustomerTierEntity, RecordedOrderEntity } from './customer/customer.entity';
import { complaintsMigrations } from './database/migrations';
import { HandlingModule } from './handling/handling.module';
import { CorrectiveActionEntity } from './improvement/corrective-action.entity';
import { ImprovementModule } from './improvement/improvement.module';
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
  ],
  migrations: complaintsMigrations,
};

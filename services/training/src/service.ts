import { ServiceDefinition } from '@cx/platform';
import { TrainingConfig } from './config';
import { AnalyticsModule } from './analytics/analytics.module';
import { ArchiveModule } from './archive/archive.module';
import { CertificationModule } from './certification/certification.module';
import { CourseEntity } from './course/course.entity';
import { CourseModule } from './course/course.module';
import { CoverageModule } from './coverage/coverage.module';
import { trainingMigrations } from './database/migrations';
import { EMPLOYEE_ENTITIES } from './employee/employee.entity';
import { EmployeeModule } from './employee/employee.module';
import { EnrollmentEntity } from './enrollment/enrollment.entity';
import { EnrollmentModule } from './enrollment/enrollment.module';
import { AttemptEntity, PointsEntryEntity } from './enrollment/record.entity';
import { PlanModule } from './plan/plan.module';
import { RewardEntity } from './reward/reward.entity';
import { RewardModule } from './reward/reward.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { StoreZoneEntity } from './store/store.entity';
import { StoreModule } from './store/store.module';
import { CompanyScorecardModule } from './company-scorecard/company-scorecard.module';
import { TRAINING_NOTIFICATIONS } from './notification/enrollment.notifications';
import { StaffNotificationModule } from './notification/notification.module';

/** How the platform runs the training service: its port, config, modules, entities and migrations. */
export const trainingService: ServiceDefinition<TrainingConfig> = {
  name: 'training',
  title: 'Training API',
  description: 'Courses, training plans, assessments and monthly performance scorecards.',
  version: '0.1.0',
  defaultPort: 3005,
  config: TrainingConfig,
  imports: [
    EmployeeModule,
    CourseModule,
    EnrollmentModule,
    CoverageModule,
    StoreModule,
    ScorecardModule,
    ArchiveModule,
    RewardModule,
    PlanModule,
    CertificationModule,
    AnalyticsModule,
    CompanyScorecardModule,
    StaffNotificationModule,
  ],
  entities: [
    ...EMPLOYEE_ENTITIES,
    CourseEntity,
    EnrollmentEntity,
    AttemptEntity,
    PointsEntryEntity,
    StoreZoneEntity,
    RewardEntity,
  ],
  migrations: trainingMigrations,
  notifications: TRAINING_NOTIFICATIONS,
};

import { Module } from '@nestjs/common';
import { CertificationRepository } from '../certification/certification.repository';
import { CourseModule } from '../course/course.module';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { ScorecardFactsModule } from '../scorecard/scorecard-facts.module';
import { StoreModule } from '../store/store.module';
import { EnrollmentController } from './enrollment.controller';
import { EnrollmentRepository } from './enrollment.repository';
import { EnrollmentService } from './enrollment.service';
import { RecordRepository } from './record.repository';

@Module({
  imports: [CourseModule, EmployeeDataModule, ScorecardFactsModule, StoreModule],
  controllers: [EnrollmentController],
  providers: [EnrollmentService, EnrollmentRepository, RecordRepository, CertificationRepository],
  exports: [EnrollmentService, EnrollmentRepository, RecordRepository, CertificationRepository],
})
export class EnrollmentModule {}

import { Module } from '@nestjs/common';
import { CourseModule } from '../course/course.module';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { ScorecardFactsModule } from '../scorecard/scorecard-facts.module';
import { EnrollmentController } from './enrollment.controller';
import { EnrollmentRepository } from './enrollment.repository';
import { EnrollmentService } from './enrollment.service';
import { RecordRepository } from './record.repository';

@Module({
  imports: [CourseModule, EmployeeDataModule, ScorecardFactsModule],
  controllers: [EnrollmentController],
  providers: [EnrollmentService, EnrollmentRepository, RecordRepository],
  exports: [EnrollmentService, EnrollmentRepository, RecordRepository],
})
export class EnrollmentModule {}

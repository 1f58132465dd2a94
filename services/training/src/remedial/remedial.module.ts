import { Module } from '@nestjs/common';
import { CourseModule } from '../course/course.module';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { ScorecardFactsModule } from '../scorecard/scorecard-facts.module';
import { RemedialCache } from './remedial.cache';
import { RemedialController } from './remedial.controller';
import { RemedialRepository } from './remedial.repository';
import { RemedialService } from './remedial.service';

@Module({
  imports: [CourseModule, EmployeeDataModule, EnrollmentModule, ScorecardFactsModule],
  controllers: [RemedialController],
  providers: [RemedialService, RemedialRepository, RemedialCache],
  exports: [RemedialService],
})
export class RemedialModule {}

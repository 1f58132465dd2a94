import { Module } from '@nestjs/common';
import { CourseModule } from '../course/course.module';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { StoreModule } from '../store/store.module';
import { PlanController } from './plan.controller';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

@Module({
  imports: [CourseModule, EmployeeDataModule, EnrollmentModule, StoreModule],
  controllers: [PlanController],
  providers: [PlanService, PlanRepository],
  exports: [PlanService],
})
export class PlanModule {}

import { Module } from '@nestjs/common';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { PlanModule } from '../plan/plan.module';
import { StoreModule } from '../store/store.module';
import { EmployeeDataModule } from './employee-data.module';
import { EmployeeController } from './employee.controller';
import { EmployeeService } from './employee.service';

@Module({
  imports: [EmployeeDataModule, EnrollmentModule, PlanModule, StoreModule],
  controllers: [EmployeeController],
  providers: [EmployeeService],
})
export class EmployeeModule {}

import { Module } from '@nestjs/common';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { CertificationController } from './certification.controller';
import { CertificationJobs } from './certification.jobs';
import { CertificationService } from './certification.service';

@Module({
  imports: [EmployeeDataModule, EnrollmentModule],
  controllers: [CertificationController],
  providers: [CertificationJobs, CertificationService],
})
export class CertificationModule {}

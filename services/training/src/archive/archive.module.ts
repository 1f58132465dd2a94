import { Module } from '@nestjs/common';
import { CourseModule } from '../course/course.module';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

@Module({
  imports: [CourseModule, EmployeeDataModule, EnrollmentModule],
  controllers: [ArchiveController],
  providers: [ArchiveService],
})
export class ArchiveModule {}

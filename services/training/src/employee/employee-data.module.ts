import { Module } from '@nestjs/common';
import { EmployeeRepository } from './employee.repository';

/** The staff tables, for the features that read them (enrolments, coverage, scorecards). */
@Module({ providers: [EmployeeRepository], exports: [EmployeeRepository] })
export class EmployeeDataModule {}

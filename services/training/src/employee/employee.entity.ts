import { encrypted } from '@cx/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EmployeeStatus } from './employee.rules';

/**
 * One member of staff, keyed by the HR employee number (the `employeeId` other services put in their
 * events). Name and work email are AES-256-GCM tokens (`encrypted()`); the email is found through its
 * keyed hash (docs/personal-data.md). Store, department and role are the current ones; where the
 * employee was at another time is in `employee_assignment`.
 */
@Entity('employee')
export class EmployeeEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { transformer: encrypted() }) name!: string;
  @Column('text', { nullable: true, transformer: encrypted() }) workEmail!: string | null;
  @Column('text', { nullable: true }) workEmailHash!: string | null;
  @Column('text') storeId!: string;
  @Column('text') department!: string;
  @Column('text') role!: string;
  /** `YYYY-MM-DD`, a local date of the store's zone. */
  @Column('date') hireDate!: string;
  @Column('text') status!: EmployeeStatus;
  @Column('timestamptz', { nullable: true }) leftAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('int') version!: number;
}

/**
 * Where an employee worked from `fromAt` until `toAt` (null: still there): figures of a past month
 * follow the store, department and role of that time, not today's.
 */
@Entity('employee_assignment')
export class EmployeeAssignmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') employeeId!: string;
  @Column('text') storeId!: string;
  @Column('text') department!: string;
  @Column('text') role!: string;
  @Column('timestamptz') fromAt!: Date;
  @Column('timestamptz', { nullable: true }) toAt!: Date | null;
}

export const EMPLOYEE_ENTITIES = [EmployeeEntity, EmployeeAssignmentEntity];

import { ApiProperty } from '@nestjs/swagger';
import { EmployeeAssignmentEntity, EmployeeEntity } from './employee.entity';
import { EMPLOYEE_STATUSES, EmployeeStatus } from './employee.rules';

/**
 * An employee as the API answers it. A read of one employee with a stated purpose shows name and work
 * email (audited); lists and the answers of writes are masked: personal fields null, `masked` true.
 */
export class EmployeeView {
  @ApiProperty({ example: 'E10023' }) id!: string;
  @ApiProperty({ description: 'Personal fields left out (null)' }) masked!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Wang Fang' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'wang.fang@example.com' }) workEmail!: string | null;
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'sales' }) department!: string;
  @ApiProperty({ example: 'sales-associate' }) role!: string;
  @ApiProperty({ example: '2026-03-02' }) hireDate!: string;
  @ApiProperty({ enum: EMPLOYEE_STATUSES }) status!: EmployeeStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) leftAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toEmployeeView(e: EmployeeEntity, personal: boolean): EmployeeView {
  return {
    id: e.id,
    masked: !personal,
    name: personal ? e.name : null,
    workEmail: personal ? e.workEmail : null,
    storeId: e.storeId,
    department: e.department,
    role: e.role,
    hireDate: e.hireDate,
    status: e.status,
    leftAt: e.leftAt?.toISOString() ?? null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export class AssignmentView {
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'sales' }) department!: string;
  @ApiProperty({ example: 'sales-associate' }) role!: string;
  @ApiProperty({ format: 'date-time' }) fromAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'null: current' })
  toAt!: string | null;
}

export function toAssignmentView(a: EmployeeAssignmentEntity): AssignmentView {
  return {
    storeId: a.storeId,
    department: a.department,
    role: a.role,
    fromAt: a.fromAt.toISOString(),
    toAt: a.toAt?.toISOString() ?? null,
  };
}

/** Why an item of a bulk sync was refused. */
export class BulkItemReasonView {
  @ApiProperty({
    enum: ['invalid', 'email-taken', 'invalid-change'],
    description:
      'invalid: see errors; email-taken: another employee has the work email; invalid-change: see message',
  })
  code!: 'invalid' | 'email-taken' | 'invalid-change';
  @ApiProperty() message!: string;
  @ApiProperty({
    required: false,
    description: 'For invalid: each field (within the item) and what is wrong',
    type: 'array',
    items: {
      type: 'object',
      properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
    },
  })
  errors?: { field: string; messages: string[] }[];
}

export const BULK_STATUSES = ['created', 'updated', 'unchanged', 'refused'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export class BulkItemView {
  @ApiProperty({ description: 'Position of the item in the request' }) index!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The item’s employeeId, when it sent a string' })
  employeeId!: string | null;
  @ApiProperty({ enum: BULK_STATUSES }) status!: BulkStatus;
  @ApiProperty({ required: false, type: BulkItemReasonView }) reason?: BulkItemReasonView;
}

export class BulkResultView {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [BulkItemView] }) items!: BulkItemView[];
}

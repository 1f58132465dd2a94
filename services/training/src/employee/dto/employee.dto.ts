import { IsCode, IsText, IsTimestamp } from '@cx/contracts';
import { CursorPageQuery, IsEmailAddress, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';

// The contracts' field rules (docs/contracts.md): whatever this API accepts can go into an event.

/** POST /employees, and each item of POST /employees/bulk: HR's record of one employee. */
export class UpsertEmployeeDto {
  @ApiProperty({
    example: 'E10023',
    description: 'The HR employee number (what other services call employeeId)',
  })
  @IsPlainRef()
  employeeId!: string;

  @ApiProperty({ example: 'Wang Fang' })
  @IsText()
  name!: string;

  @ApiPropertyOptional({ example: 'wang.fang@example.com', nullable: true, type: String })
  @IsOptional()
  @IsEmailAddress()
  workEmail?: string | null;

  @ApiProperty({ example: 'SH-001' })
  @IsPlainRef()
  storeId!: string;

  @ApiProperty({ example: 'sales', description: 'Department code' })
  @IsCode()
  department!: string;

  @ApiProperty({ example: 'sales-associate', description: 'Role code' })
  @IsCode()
  role!: string;

  @ApiProperty({ example: '2026-03-02', description: "First day of work, a date of the store's zone" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'hireDate must be a calendar date YYYY-MM-DD' })
  hireDate!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When a change of store, department or role took effect; default now',
  })
  @IsOptional()
  @IsTimestamp()
  changedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Set when the employee has left' })
  @IsOptional()
  @IsTimestamp()
  leftAt?: string;
}

/** Employees per bulk request at most. */
export const MAX_BULK = 1_000;

/**
 * POST /employees/bulk. The items are validated one by one by the service (each refused on its own,
 * naming its fields), so this class checks only the list.
 */
export class BulkEmployeesDto {
  @ApiProperty({ type: [UpsertEmployeeDto], minItems: 1, maxItems: MAX_BULK })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK)
  employees!: unknown[];
}

/** POST /employees/{employeeId}/leave */
export class LeaveDto {
  @ApiProperty({ format: 'date-time', description: 'When the employee left' })
  @IsTimestamp()
  leftAt!: string;
}

/** GET /employees */
export class ListEmployeesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'SH-001' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;

  @ApiPropertyOptional({ description: 'Leavers too (default: current staff only)', type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeLeft?: boolean;
}

/** GET /employees/{employeeId}: the reason to read personal data (audited). */
export class PurposeQuery {
  @ApiProperty({ example: 'training certificate', description: 'Why the personal data is read (audited)' })
  @IsText()
  purpose!: string;
}

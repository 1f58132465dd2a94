import { COMPLAINT_STATUSES, ComplaintStatus, IsCode, IsText, LONG_TEXT_MAX } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

// The message and the summary reach complaint.updated and complaint.resolved: the contracts' text rule.
export class ChangeStatusDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES }) @IsIn(COMPLAINT_STATUSES) status!: ComplaintStatus;
  @ApiPropertyOptional({ description: 'What the customer is told (customer-visible)' })
  @IsOptional()
  @IsText(LONG_TEXT_MAX)
  message?: string;
  @ApiPropertyOptional({ description: 'Required for resolved: the solution proposed' })
  @IsOptional()
  @IsText(LONG_TEXT_MAX)
  summary?: string;
  @ApiPropertyOptional({ description: 'Why (reopen, withdraw): kept in the case file' })
  @IsOptional()
  @IsText(500)
  reason?: string;
  @ApiPropertyOptional({
    example: 'product-quality',
    description: 'With resolved: the root cause, a code of the cause taxonomy (admin/policies/cause-codes)',
  })
  @IsOptional()
  @IsCode()
  causeCode?: string;
  @ApiPropertyOptional({
    example: 'quality',
    description: 'With resolved: the department answerable for the cause',
  })
  @IsOptional()
  @IsCode()
  responsibleDepartment?: string;
}

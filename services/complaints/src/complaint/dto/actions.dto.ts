import { COMPLAINT_STATUSES, ComplaintStatus } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { COMMENT_VISIBILITY, CommentVisibility, PAUSE_REASONS, PauseReason } from '../complaint.entity';

const REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class ChangeStatusDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES }) @IsIn(COMPLAINT_STATUSES) status!: ComplaintStatus;
  @ApiPropertyOptional({ description: 'What the customer is told (customer-visible)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  message?: string;
  @ApiPropertyOptional({ description: 'Required for resolved: the solution proposed' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  summary?: string;
  @ApiPropertyOptional({ description: 'Why (reopen, withdraw): kept in the case file' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class TransferDto {
  @ApiProperty({ description: 'The new owner' }) @Matches(REF) toOwnerId!: string;
  @ApiProperty({ description: 'Recorded with the transfer (first-contact ownership ends only on record)' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class AssignDto {
  @ApiProperty({ example: 'quality' }) @Matches(CODE) department!: string;
}

export class CommentDto {
  @ApiProperty({ enum: COMMENT_VISIBILITY }) @IsIn(COMMENT_VISIBILITY) visibility!: CommentVisibility;
  @ApiProperty() @IsString() @Length(1, 5000) body!: string;
}

export class PauseDto {
  @ApiProperty({ enum: PAUSE_REASONS }) @IsIn(PAUSE_REASONS) reason!: PauseReason;
}

export class TeamMemberDto {
  @ApiProperty() @Matches(REF) memberId!: string;
  @ApiProperty() @Matches(CODE) department!: string;
  @ApiProperty({ enum: ['lead', 'member'] }) @IsIn(['lead', 'member']) role!: 'lead' | 'member';
}

export class SetTeamDto {
  @ApiProperty({ type: [TeamMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  members!: TeamMemberDto[];
}

export class AddPlanStepDto {
  @ApiProperty() @IsString() @Length(1, 300) title!: string;
  @ApiProperty() @Matches(REF) ownerId!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) department?: string;
  @ApiProperty() @IsISO8601({ strict: true }) dueAt!: string;
}

export class UpdatePlanStepDto {
  @ApiProperty() @IsBoolean() done!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) outcome?: string;
}

export class MergeDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The duplicate (filed on another channel) to merge into this complaint',
  })
  @IsUUID()
  duplicateId!: string;
}

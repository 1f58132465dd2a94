import { DISPUTE_SUBJECTS, DisputeSubject, IsText } from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';

/** POST /disputes */
export class OpenDisputeDto {
  @ApiProperty({ enum: DISPUTE_SUBJECTS }) @IsIn(DISPUTE_SUBJECTS) subjectType!: DisputeSubject;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId!: string;
  @ApiProperty({ example: 'Refund refused; the customer says the tags were attached' })
  @IsText()
  reason!: string;
}

export class DisputeNoteDto {
  @ApiProperty({ example: 'Called the customer; photos of the tags requested' }) @IsText() note!: string;
}

export class AssignDisputeDto {
  @ApiProperty({ example: 'E10001', description: 'The dispute group member who handles it' })
  @IsPlainRef()
  handlerId!: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ example: 'Refund granted as a goodwill gesture' }) @IsText() resolution!: string;
}

export class ListDisputesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] }) @IsOptional() @IsIn(['open', 'resolved']) status?:
    'open' | 'resolved';
  @ApiPropertyOptional({ description: 'Only those reported to management (or only the others)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  major?: boolean;
}

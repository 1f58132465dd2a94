import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PAUSE_REASONS, PauseReason } from '../../complaint/complaint.entity';

export class PauseDto {
  @ApiProperty({ enum: PAUSE_REASONS }) @IsIn(PAUSE_REASONS) reason!: PauseReason;
}

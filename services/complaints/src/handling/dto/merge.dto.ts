import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MergeDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The duplicate (filed on another channel) to merge into this complaint',
  })
  @IsUUID()
  duplicateId!: string;
}

import { IsCode, IsText } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { MinLength } from 'class-validator';

export class TransferDto {
  @ApiProperty({ example: 'E10001', description: 'The new owner' }) @IsPlainRef() toOwnerId!: string;
  @ApiProperty({ description: 'Recorded with the transfer (first-contact ownership ends only on record)' })
  @IsText(500)
  @MinLength(3)
  reason!: string;
}

export class AssignDto {
  @ApiProperty({ example: 'quality' }) @IsCode() department!: string;
}

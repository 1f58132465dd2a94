import { IsTimestamp } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** PATCH /purchases/{id}/delivery */
export class RecordDeliveryDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-03T16:40:00+08:00', description: 'The sign-off' })
  @IsTimestamp()
  deliveredAt!: string;
}

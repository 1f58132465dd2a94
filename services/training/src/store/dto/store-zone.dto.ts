import { IsIanaTimeZone, IsPlainRef } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';

export class StoreParams {
  @ApiProperty({ example: 'SH-001' })
  @IsPlainRef()
  storeId!: string;
}

/** PUT /admin/stores/{storeId}/time-zone */
export class StoreZoneDto {
  @ApiProperty({ example: 'Asia/Shanghai' })
  @IsIanaTimeZone()
  timeZone!: string;
}

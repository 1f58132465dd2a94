import { ApiProperty } from '@nestjs/swagger';
import { StoreZoneEntity } from './store.entity';

export class StoreZoneView {
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const toStoreZoneView = (z: StoreZoneEntity): StoreZoneView => ({
  storeId: z.storeId,
  timeZone: z.timeZone,
  updatedAt: z.updatedAt.toISOString(),
});

import { ApiProperty } from '@nestjs/swagger';
import { RewardEntity } from './reward.entity';

export class RewardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'cinema-voucher' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() costPoints!: number;
  @ApiProperty() active!: boolean;
}

export const toRewardView = (r: RewardEntity): RewardView => ({
  id: r.id,
  code: r.code,
  title: r.title,
  costPoints: r.costPoints,
  active: r.active,
});

export class RedemptionView {
  @ApiProperty({ example: 'E10023' }) employeeId!: string;
  @ApiProperty({ format: 'uuid' }) rewardId!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Points left after the redemption' }) balance!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

import { IsCode, IsText } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

/** POST /admin/rewards */
export class CreateRewardDto {
  @ApiProperty({ example: 'cinema-voucher' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Cinema voucher' })
  @IsText()
  title!: string;

  @ApiProperty({ example: 50, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  costPoints!: number;
}

/** POST /employees/{employeeId}/redemptions */
export class RedeemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  rewardId!: string;
}

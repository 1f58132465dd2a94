import { IsIntIn, IsRef, IsText, OptionalField } from '@cx/contracts';
import { CursorPageQuery } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const MAX_POINTS = 100_000_000;

/** Spend available points (the ones that expire first go first). */
export class RedeemPointsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_POINTS, example: 500 })
  @IsIntIn(1, MAX_POINTS)
  points!: number;

  @ApiPropertyOptional({
    example: 'POS-2026-000123',
    description: 'What the points paid for (order, voucher)',
  })
  @OptionalField()
  @IsRef()
  reference?: string;

  @ApiPropertyOptional({ example: 'Voucher at checkout' })
  @OptionalField()
  @IsText()
  reason?: string;
}

/** Goodwill points granted by a complaint handler. */
export class GrantGoodwillDto {
  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 200 })
  @IsIntIn(1, 1_000_000)
  points!: number;

  @ApiProperty({ example: 'Apology for the late repair' })
  @IsText()
  reason!: string;

  @ApiProperty({ example: 'C-2026-000042', description: 'What it is for, e.g. a complaint reference or id' })
  @IsRef()
  reference!: string;
}

export class ListLedgerQuery extends CursorPageQuery {}

import { ShallowValidation } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { CreatePurchaseDto } from './create-purchase.dto';

/** Purchases per bulk request at most. */
export const MAX_BULK = 1_000;

/**
 * POST /purchases/bulk. The items are validated one by one by the service (each refused on its own,
 * naming its fields), so this class checks only the list, and the pipe does not copy the items first.
 */
@ShallowValidation()
export class BulkPurchasesDto {
  @ApiProperty({ type: [CreatePurchaseDto], minItems: 1, maxItems: MAX_BULK })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK)
  purchases!: unknown[];
}

import { ArrayMinSize, IsIn } from 'class-validator';
import { RETURN_KINDS, ReturnKind } from '../common/enums';
import {
  IsCurrency,
  IsId,
  IsIntIn,
  IsMinorAmount,
  IsNestedList,
  IsRef,
  IsTimestamp,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** One returned or exchanged line. */
export class ReturnLineV1 {
  /** The purchase line it reverses (PurchaseLineV1.lineId), when known. */
  @OptionalField() @IsRef() lineId?: string;
  @IsRef() sku!: string;
  @IsIntIn(1, 100_000) quantity!: number;
  @IsMinorAmount() refundAmountMinor!: number;
}

/** A return or exchange was completed and refunded; crm reverses points and re-evaluates the tier. */
export class ReturnCompletedV1 {
  @IsId() returnId!: string;
  @IsId() customerId!: string;
  @IsRef() orderId!: string;
  @IsRef() storeId!: string;
  @IsIn(RETURN_KINDS) kind!: ReturnKind;
  @IsNestedList(() => ReturnLineV1) @ArrayMinSize(1) lines!: ReturnLineV1[];
  /** Total refunded (0 for an even exchange). */
  @IsMinorAmount() refundAmountMinor!: number;
  @IsCurrency() currency!: string;
  @IsTimestamp() completedAt!: string;
}

export const returnCompletedV1 = defineEvent('evt.aftersales.return.completed.v1', ReturnCompletedV1, {
  description:
    'A return or exchange was completed: crm reverses the points earned and re-evaluates the tier.',
  consumers: ['crm', 'surveys'],
});

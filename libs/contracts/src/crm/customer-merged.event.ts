import { IsId, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

/**
 * Two records of the same person were merged in crm: the merged record now points to the survivor.
 * Both keep their histories; consumers re-key or link what they hold for `mergedId` to `survivorId`.
 */
export class CustomerMergedV1 {
  @IsId() survivorId!: string;
  @IsId() mergedId!: string;
  @IsTimestamp() mergedAt!: string;
}

export const customerMergedV1 = defineEvent('evt.crm.customer.merged.v1', CustomerMergedV1, {
  description:
    'A duplicate customer record was merged into another: follow the survivor for what you hold under the merged id.',
  consumers: ['complaints', 'aftersales', 'surveys'],
});

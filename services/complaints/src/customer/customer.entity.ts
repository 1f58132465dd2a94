import { Tier } from '@cx/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Local read model of crm's tiers, fed by evt.crm.customer.tier-changed.v1 (no call on the hot path). */
@Entity('customer_tier')
export class CustomerTierEntity {
  @PrimaryColumn('uuid') customerId!: string;
  @Column('text') tier!: Tier;
  @Column('timestamptz') changedAt!: Date;
}

/** Orders seen on evt.crm.purchase.recorded.v1: the denominator of the complaint rate. */
@Entity('recorded_order')
export class RecordedOrderEntity {
  @PrimaryColumn('text') orderId!: string;
  @Index() @Column('text') storeId!: string;
  @Column('uuid') customerId!: string;
  @Index() @Column('timestamptz') purchasedAt!: Date;
}

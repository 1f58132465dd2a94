import { PurchaseLineV1 } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A purchase as crm told it: what a return request names (its order line) and the sign-off its window starts from. */
@Entity('purchase')
export class PurchaseEntity {
  @PrimaryColumn('text') orderId!: string;
  /** Null once crm erased the customer. */
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text') storeId!: string;
  @Column('timestamptz') purchasedAt!: Date;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  /** Null when only the sign-off has arrived so far (it carries no prices' currency). */
  @Column('text', { nullable: true }) currency!: string | null;
  @Column('jsonb') lines!: PurchaseLineV1[];
}

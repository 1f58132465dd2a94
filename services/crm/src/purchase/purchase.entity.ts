import { PurchaseSource, SalesChannel, WarrantyClass } from '@cx/contracts';
import { minorUnits } from '@cx/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One purchase from POS, ERP or the e-shop. The order id is unique within its source (docs/crm/purchases.md). */
@Entity('purchase')
@Index(['source', 'orderId'], { unique: true })
@Index(['customerId', 'purchasedAt', 'id'])
export class PurchaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') source!: PurchaseSource;
  @Column('text') orderId!: string;
  @Column('text') channel!: SalesChannel;
  @Column('text') storeId!: string;
  @Column('uuid') customerId!: string;
  @Column('bigint', { transformer: minorUnits }) paidAmountMinor!: number;
  @Column('text') currency!: string;
  @Column('timestamptz') purchasedAt!: Date;
  /** The delivery sign-off; null until it arrives (PATCH .../delivery). */
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  /** Sum of the refunds recorded against it (purchase_refund). */
  @Column('bigint', { transformer: minorUnits }) refundedAmountMinor!: number;
  /** sha256 of the order as first recorded: tells a repeat (same content) from a conflict. */
  @Column('text') contentHash!: string;
  @Column('timestamptz') recordedAt!: Date;
  @Column('text') recordedBy!: string;
}

/** One line of a purchase, in the order the selling system sent them. */
@Entity('purchase_line')
export class PurchaseLineEntity {
  @PrimaryColumn('uuid') purchaseId!: string;
  @PrimaryColumn('int') position!: number;
  @Column('text') lineId!: string;
  @Column('text') sku!: string;
  @Column('text') category!: string;
  @Column('text') productName!: string;
  @Column('text', { nullable: true }) serialNumber!: string | null;
  @Column('int') quantity!: number;
  @Column('bigint', { transformer: minorUnits }) unitPriceMinor!: number;
  @Column('text', { nullable: true }) warrantyClass!: WarrantyClass | null;
}

/** A refund (completed return or exchange) recorded against a purchase; one per return. */
@Entity('purchase_refund')
export class PurchaseRefundEntity {
  @PrimaryColumn('uuid') returnId!: string;
  @Index() @Column('uuid') purchaseId!: string;
  @Column('text') kind!: string;
  @Column('bigint', { transformer: minorUnits }) amountMinor!: number;
  @Column('text') currency!: string;
  @Column('timestamptz') refundedAt!: Date;
  @Column('timestamptz') recordedAt!: Date;
}

/** The purchase module's entities, for the service definition. */
export const PURCHASE_ENTITIES = [PurchaseEntity, PurchaseLineEntity, PurchaseRefundEntity];

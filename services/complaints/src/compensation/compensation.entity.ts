import { minorUnits } from '@cx/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const COMPENSATION_KINDS = ['refund', 'exchange', 'voucher', 'goodwill-points'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** What a customer was given for a complaint: money in minor units, or loyalty points. */
@Entity('complaint_compensation')
export class CompensationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('text') kind!: CompensationKind;
  /** Integer minor units (fen, cents); what it cost. Null for points alone. */
  @Column('bigint', { nullable: true, transformer: minorUnits }) amountMinor!: number | null;
  @Column('text', { nullable: true }) currency!: string | null;
  @Column('int', { nullable: true }) points!: number | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz') givenAt!: Date;
  @Column('text') givenBy!: string;
}

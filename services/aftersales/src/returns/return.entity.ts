import { ReturnKind } from '@cx/contracts';
import { minorUnits } from '@cx/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ReceiptCheck } from './eligibility';
import type { ReturnStatus } from './status';

/** A return or exchange request for one order line, from request to completion. */
@Entity('return_request')
export class ReturnRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: ReturnKind;
  @Column('text') orderId!: string;
  @Column('text') lineId!: string;
  /** Null once crm erased the customer. */
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text') storeId!: string;
  @Column('text') sku!: string;
  @Column('text') category!: string;
  @Column('int') quantity!: number;
  @Column('bigint', { transformer: minorUnits }) unitPriceMinor!: number;
  @Column('text') currency!: string;
  /** A kebab code: `quality-defect`, `wrong-size`, `changed-mind`... */
  @Column('text') reason!: string;
  @Column('boolean') quality!: boolean;
  @Column('text', { nullable: true }) defectDescription!: string | null;
  /** 15 days instead of 7: the category is special, or a lead marked the case. */
  @Column('boolean') special!: boolean;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz', { nullable: true }) windowEndsAt!: Date | null;
  @Column('boolean') eligible!: boolean;
  /** The eligibility decision in words. */
  @Column('text') eligibility!: string;
  @Column('text') status!: ReturnStatus;
  /** Who owns the current step. */
  @Column('text') ownerId!: string;
  /** The current step's time limit. */
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
  @Column('text', { nullable: true }) rejectionReason!: string | null;
  @Column('jsonb', { nullable: true }) receipt!: ReceiptCheck | null;
  @Column('text', { nullable: true }) inspection!: string | null;
  @Column('bigint', { nullable: true, transformer: minorUnits }) refundAmountMinor!: number | null;
  @Column('text', { nullable: true }) replacementSku!: string | null;
  @Column('text', { nullable: true }) replacementSerialNumber!: string | null;
  /** The warranty the exchange moved to the replacement. */
  @Column('uuid', { nullable: true }) warrantyId!: string | null;
  @Column('timestamptz') requestedAt!: Date;
  @Column('text') requestedBy!: string;
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
}

/** One step of a return: who moved it, who owns what comes next, and by when. */
@Entity('return_step')
export class ReturnStepEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') returnId!: string;
  @Column('text') status!: ReturnStatus;
  @Column('timestamptz') at!: Date;
  @Column('text') actorId!: string;
  @Column('text') ownerId!: string;
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
  @Column('text', { nullable: true }) note!: string | null;
}

export const EVIDENCE_KINDS = ['photo', 'proof-of-purchase', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A file attached to a return (its content in FileStorage, owner `return:<id>`). */
@Entity('return_evidence')
export class ReturnEvidenceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') returnId!: string;
  @Column('text') kind!: EvidenceKind;
  @Column('uuid') fileId!: string;
  @Column('text') contentType!: string;
  @Column('int') size!: number;
  @Column('text', { nullable: true }) filename!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}

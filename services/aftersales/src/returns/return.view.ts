import { RETURN_KINDS, ReturnKind } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import {
  EVIDENCE_KINDS,
  EvidenceKind,
  ReturnEvidenceEntity,
  ReturnRequestEntity,
  ReturnStepEntity,
} from './return.entity';
import { isOverdue } from '../steps/time-limit';
import { RETURN_STATUSES, ReturnStatus } from './status';

class ReceiptView {
  @ApiProperty() originalPackaging!: boolean;
  @ApiProperty() tags!: boolean;
  @ApiProperty() invoice!: boolean;
  @ApiProperty() intact!: boolean;
}

export class ReturnStepView {
  @ApiProperty({ enum: RETURN_STATUSES }) status!: ReturnStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ description: 'Who owns what comes next' }) ownerId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

/** A return or exchange: the line, the eligibility decision explained, and the current step. */
export class ReturnView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RETURN_KINDS }) kind!: ReturnKind;
  @ApiProperty() orderId!: string;
  @ApiProperty() lineId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiProperty() storeId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() category!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() quality!: boolean;
  @ApiProperty({ type: String, nullable: true }) defectDescription!: string | null;
  @ApiProperty({ description: '15-day window' }) special!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) windowEndsAt!: string | null;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ description: 'The eligibility decision in words' }) eligibility!: string;
  @ApiProperty({ enum: RETURN_STATUSES }) status!: ReturnStatus;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: ReceiptView, nullable: true }) receipt!: ReceiptView | null;
  @ApiProperty({ type: String, nullable: true }) inspection!: string | null;
  @ApiProperty({ type: Number, nullable: true }) refundAmountMinor!: number | null;
  @ApiProperty({ type: String, nullable: true }) replacementSku!: string | null;
  @ApiProperty({ type: String, nullable: true }) replacementSerialNumber!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) warrantyId!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class ReturnDetailView extends ReturnView {
  @ApiProperty({ type: [ReturnStepView] }) steps!: ReturnStepView[];
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind!: EvidenceKind;
  @ApiProperty({ example: 'image/jpeg' }) contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ type: String, nullable: true }) filename!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toReturnView(r: ReturnRequestEntity, now: Date): ReturnView {
  return {
    id: r.id,
    kind: r.kind,
    orderId: r.orderId,
    lineId: r.lineId,
    customerId: r.customerId,
    storeId: r.storeId,
    sku: r.sku,
    category: r.category,
    quantity: r.quantity,
    unitPriceMinor: r.unitPriceMinor,
    currency: r.currency,
    reason: r.reason,
    quality: r.quality,
    defectDescription: r.defectDescription,
    special: r.special,
    deliveredAt: iso(r.deliveredAt),
    windowEndsAt: iso(r.windowEndsAt),
    eligible: r.eligible,
    eligibility: r.eligibility,
    status: r.status,
    ownerId: r.ownerId,
    dueAt: iso(r.dueAt),
    overdue: isOverdue(r, now),
    rejectionReason: r.rejectionReason,
    receipt: r.receipt,
    inspection: r.inspection,
    refundAmountMinor: r.refundAmountMinor,
    replacementSku: r.replacementSku,
    replacementSerialNumber: r.replacementSerialNumber,
    warrantyId: r.warrantyId,
    requestedAt: r.requestedAt.toISOString(),
    requestedBy: r.requestedBy,
    completedAt: iso(r.completedAt),
  };
}

export const toReturnStepView = (s: ReturnStepEntity): ReturnStepView => ({
  status: s.status,
  at: s.at.toISOString(),
  actorId: s.actorId,
  ownerId: s.ownerId,
  dueAt: iso(s.dueAt),
  note: s.note,
});

export const toEvidenceView = (e: ReturnEvidenceEntity): EvidenceView => ({
  id: e.id,
  kind: e.kind,
  contentType: e.contentType,
  size: e.size,
  filename: e.filename,
  createdAt: e.createdAt.toISOString(),
  createdBy: e.createdBy,
});

import { DISPUTE_SUBJECTS, DisputeSubject } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_ACTIONS, DisputeAction, DisputeEntity, DisputeEntryEntity } from './dispute.entity';

export class DisputeEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ enum: DISPUTE_ACTIONS }) action!: DisputeAction;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class DisputeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISPUTE_SUBJECTS }) subjectType!: DisputeSubject;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiProperty() storeId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: 'open' | 'resolved';
  @ApiProperty({ type: String, nullable: true }) handlerId!: string | null;
  @ApiProperty({ description: 'Reported to management' }) major!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class DisputeDetailView extends DisputeView {
  @ApiProperty({ type: [DisputeEntryView] }) history!: DisputeEntryView[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const toDisputeView = (d: DisputeEntity): DisputeView => ({
  id: d.id,
  subjectType: d.subjectType,
  subjectId: d.subjectId,
  customerId: d.customerId,
  storeId: d.storeId,
  reason: d.reason,
  status: d.status,
  handlerId: d.handlerId,
  major: d.major,
  escalatedAt: iso(d.escalatedAt),
  resolution: d.resolution,
  openedAt: d.openedAt.toISOString(),
  openedBy: d.openedBy,
  resolvedAt: iso(d.resolvedAt),
});

export const toDisputeEntryView = (e: DisputeEntryEntity): DisputeEntryView => ({
  at: e.at.toISOString(),
  actorId: e.actorId,
  action: e.action,
  note: e.note,
});

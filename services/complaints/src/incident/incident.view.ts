import { COMPLAINT_STATUSES, ComplaintStatus } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import type { ComplaintEntity } from '../complaint/complaint.entity';
import {
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  IncidentEntity,
  IncidentEventEntity,
  IncidentSource,
  IncidentStatus,
} from './incident.entity';

/** An incident as the API answers it (no personal data: the create's answer is kept with its Idempotency-Key). */
export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'I-2026-000012' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ enum: INCIDENT_SOURCES }) source!: IncidentSource;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001' }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'JKT-DOWN-BLK-M' }) productSku!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Resolved or dismissed' })
  closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionSummary!: string | null;
}

export class IncidentComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-2026-000123' }) reference!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class IncidentDetailView extends IncidentView {
  @ApiProperty({ type: [IncidentComplaintView] }) complaints!: IncidentComplaintView[];
}

export class IncidentEventView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ example: 'complaint-linked' }) action!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export function toIncidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id,
    reference: i.reference,
    title: i.title,
    description: i.description,
    status: i.status,
    source: i.source,
    storeId: i.storeId,
    productSku: i.productSku,
    createdAt: i.createdAt.toISOString(),
    createdBy: i.createdBy,
    closedAt: i.closedAt?.toISOString() ?? null,
    resolutionSummary: i.resolutionSummary,
  };
}

export function toIncidentDetail(
  i: IncidentEntity,
  complaints: Pick<ComplaintEntity, 'id' | 'reference' | 'status' | 'receivedAt'>[],
): IncidentDetailView {
  return {
    ...toIncidentView(i),
    complaints: complaints.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status,
      receivedAt: c.receivedAt.toISOString(),
    })),
  };
}

export const toIncidentEventView = (e: IncidentEventEntity): IncidentEventView => ({
  at: e.at.toISOString(),
  actorId: e.actorId,
  action: e.action,
  details: e.details,
});

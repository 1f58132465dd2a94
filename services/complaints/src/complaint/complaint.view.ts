import {
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  ComplaintChannel,
  ComplaintStatus,
  PRIORITIES,
  Priority,
} from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ComplaintEntity,
  IMPORTANCES,
  Importance,
  SATISFACTION,
  Satisfaction,
  URGENCIES,
  Urgency,
} from './complaint.entity';

// Response classes are `<feature>.view.ts` files with `...View` classes and their `to...View` mappers:
// controllers answer these, never entities. A `string | null` field names its type (`type: String`):
// the union reflects as Object, and the document would say `type: object`.

/** A complaint as lists and integrating systems see it: no personal data. */
export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-2026-000123' }) reference!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel!: ComplaintChannel;
  @ApiProperty({ example: 'product-quality' }) category!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiProperty({ enum: IMPORTANCES }) importance!: Importance;
  @ApiProperty() isMajor!: boolean;
  @ApiProperty({ description: "The customer's tier is one the policy lists as VIP" }) isVip!: boolean;
  @ApiProperty({ type: [String], example: ['quality'] }) departments!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001' }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'SO-2026-000451' }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'JKT-DOWN-BLK-M' }) productSku!: string | null;
  @ApiProperty({ type: String, nullable: true }) employeeId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'E10001', description: "A staff id, or 'queue:<department>'" }) ownerId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'quality' }) department!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time' }) firstResponseDueAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while the solution clock is paused',
  })
  resolutionDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstRespondedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionSummary!: string | null;
  @ApiProperty({ example: 0 }) escalationLevel!: number;
  @ApiProperty() isRepeat!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) repeatOf!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mergedInto!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The incident it is part of' })
  incidentId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'product-quality',
    description: 'Root cause recorded at resolution',
  })
  causeCode!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'quality',
    description: 'Department answerable for the cause',
  })
  responsibleDepartment!: string | null;
  @ApiProperty({ example: 0 }) reopenCount!: number;
  @ApiProperty({ enum: SATISFACTION, nullable: true }) satisfaction!: Satisfaction | null;
  @ApiProperty({ description: 'What the customer was promised at intake' }) customerPromise!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class ComplainantView {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class AttachmentView {
  @ApiProperty({ description: 'Where the file is stored (object key or URL of the document store)' })
  ref!: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ example: 'image/jpeg' }) contentType?: string;
}

/** One complaint in full for staff: includes the complainant's contact (each read is audit-logged). */
export class ComplaintDetailView extends ComplaintView {
  @ApiProperty({ type: ComplainantView }) complainant!: ComplainantView;
  @ApiProperty({ type: [AttachmentView] }) attachments!: AttachmentView[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function customerPromise(
  c: Pick<ComplaintEntity, 'reference' | 'firstResponseDueAt' | 'resolutionDueAt'>,
): string {
  const solution = c.resolutionDueAt ? ` and propose a solution by ${c.resolutionDueAt.toISOString()}` : '';
  return `Your complaint ${c.reference} is registered. We will respond by ${c.firstResponseDueAt.toISOString()}${solution}.`;
}

export function toView(c: ComplaintEntity, vipTiers: readonly string[] = []): ComplaintView {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    channel: c.channel,
    category: c.category,
    priority: c.priority,
    urgency: c.urgency,
    importance: c.importance,
    isMajor: c.isMajor,
    isVip: c.customerTier !== null && vipTiers.includes(c.customerTier),
    departments: c.departments,
    customerId: c.customerId,
    storeId: c.storeId,
    orderId: c.orderId,
    productSku: c.productSku,
    employeeId: c.employeeId,
    description: c.description,
    ownerId: c.ownerId,
    department: c.department,
    receivedAt: c.receivedAt.toISOString(),
    firstResponseDueAt: c.firstResponseDueAt.toISOString(),
    resolutionDueAt: iso(c.resolutionDueAt),
    firstRespondedAt: iso(c.firstRespondedAt),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
    resolutionSummary: c.resolutionSummary,
    escalationLevel: c.escalationLevel,
    isRepeat: c.isRepeat,
    repeatOf: c.repeatOf,
    mergedInto: c.mergedInto,
    incidentId: c.incidentId,
    causeCode: c.causeCode,
    responsibleDepartment: c.responsibleDepartment,
    reopenCount: c.reopenCount,
    satisfaction: c.satisfaction,
    customerPromise: customerPromise(c),
    version: c.version,
  };
}

export function toDetail(c: ComplaintEntity, vipTiers: readonly string[] = []): ComplaintDetailView {
  return {
    ...toView(c, vipTiers),
    complainant: { name: c.complainantName, phone: c.complainantPhone, email: c.complainantEmail },
    attachments: c.attachments,
  };
}

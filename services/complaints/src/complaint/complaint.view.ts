import { ComplaintChannel, ComplaintStatus, Priority } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ComplaintEntity } from './complaint.entity';

/** A complaint as lists and integrating systems see it: no personal data. */
export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-2026-000123' }) reference!: string;
  @ApiProperty() status!: ComplaintStatus;
  @ApiProperty() channel!: ComplaintChannel;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['P1', 'P2', 'P3', 'P4'] }) priority!: Priority;
  @ApiProperty() urgency!: string;
  @ApiProperty() importance!: string;
  @ApiProperty() isMajor!: boolean;
  @ApiProperty() isVip!: boolean;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiPropertyOptional({ nullable: true }) customerId!: string | null;
  @ApiPropertyOptional({ nullable: true }) storeId!: string | null;
  @ApiPropertyOptional({ nullable: true }) orderId!: string | null;
  @ApiPropertyOptional({ nullable: true }) productSku!: string | null;
  @ApiPropertyOptional({ nullable: true }) employeeId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty() ownerId!: string;
  @ApiPropertyOptional({ nullable: true }) department!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() firstResponseDueAt!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Null while the solution clock is paused' })
  resolutionDueAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) firstRespondedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) resolutionSummary!: string | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() isRepeat!: boolean;
  @ApiPropertyOptional({ nullable: true }) repeatOf!: string | null;
  @ApiPropertyOptional({ nullable: true }) mergedInto!: string | null;
  @ApiProperty() reopenCount!: number;
  @ApiPropertyOptional({ nullable: true, enum: ['satisfied', 'dissatisfied'] }) satisfaction!: string | null;
  @ApiProperty({ description: 'What the customer was promised at intake' }) customerPromise!: string;
  @ApiProperty() version!: number;
}

export class ComplainantView {
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiPropertyOptional({ nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true }) email!: string | null;
}

/** One complaint in full for staff: includes the complainant's contact (each read is audit-logged). */
export class ComplaintDetailView extends ComplaintView {
  @ApiProperty({ type: ComplainantView }) complainant!: ComplainantView;
  @ApiProperty() attachments!: { ref: string; name?: string; contentType?: string }[];
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

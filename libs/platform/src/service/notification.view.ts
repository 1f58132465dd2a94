import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_STATUSES,
  DeliveryStatus,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
} from '../notify/delivery.rules';
import type { RecipientRow } from '../notify/notification.repository';
import type { DeliveryRecord } from '../notify/notifier';

/** One row of the delivery log: what it was about and what became of it; never the address or the text. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel!: NotificationChannel;
  @ApiProperty({ example: 'complaint-update' }) template!: string;
  @ApiProperty({ example: 'zh-CN' }) language!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last error, with the recipient redacted' })
  lastError!: string | null;
  @ApiProperty({ example: 'complaint' }) aboutType!: string;
  @ApiProperty({ example: '0192f0a5-1111-7000-8000-000000000001' }) aboutId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toDeliveryView(r: DeliveryRecord): DeliveryView {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export class RecipientView {
  @ApiProperty({ example: 'E10023', description: 'Employee number' }) employeeId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001', description: 'null: every store' })
  storeId!: string | null;
}

/** Who a group of staff notifications goes to (contacts are asked from training at each send). */
export class RecipientGroupView {
  @ApiProperty({ example: 'owner-lead' }) group!: string;
  @ApiProperty({ type: [RecipientView] }) recipients!: RecipientView[];
  @ApiProperty({ type: String, nullable: true }) updatedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

export function toRecipientGroupViews(rows: RecipientRow[]): RecipientGroupView[] {
  const groups = new Map<string, RecipientGroupView>();
  for (const r of rows) {
    const g = groups.get(r.group) ?? { group: r.group, recipients: [], updatedBy: null, updatedAt: null };
    g.recipients.push({ employeeId: r.employeeId, storeId: r.storeId });
    if (!g.updatedAt || r.updatedAt.toISOString() > g.updatedAt) {
      g.updatedAt = r.updatedAt.toISOString();
      g.updatedBy = r.updatedBy;
    }
    groups.set(r.group, g);
  }
  return [...groups.values()];
}

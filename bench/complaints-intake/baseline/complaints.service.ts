import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { Complaint } from './complaint.entity';
import { CreateComplaintDto } from './create-complaint.dto';
import { COMPLAINT_REPOSITORY, EVENTS_CLIENT, SUBJECT_PREFIX } from './tokens';

type Level = CreateComplaintDto['urgency'];
/** The same urgency x importance matrix as the real service (without its VIP and major rules). */
const MATRIX: Record<Level, Record<Level, string>> = {
  low: { low: 'P4', medium: 'P4', high: 'P3', critical: 'P2' },
  medium: { low: 'P4', medium: 'P3', high: 'P2', critical: 'P1' },
  high: { low: 'P3', medium: 'P2', high: 'P1', critical: 'P1' },
  critical: { low: 'P2', medium: 'P1', high: 'P1', critical: 'P1' },
};

@Injectable()
export class ComplaintsService {
  constructor(
    @Inject(COMPLAINT_REPOSITORY) private readonly complaints: Repository<Complaint>,
    @Inject(EVENTS_CLIENT) private readonly client: ClientProxy,
    @Inject(SUBJECT_PREFIX) private readonly prefix: string,
  ) {}

  async create(dto: CreateComplaintDto): Promise<Complaint> {
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    const complaint = this.complaints.create({
      reference: `C-${receivedAt.getUTCFullYear()}-${randomBytes(5).toString('hex').toUpperCase()}`,
      channel: dto.channel,
      category: dto.category,
      urgency: dto.urgency,
      importance: dto.importance,
      priority: MATRIX[dto.urgency][dto.importance],
      customerId: dto.customerId ?? null,
      complainantName: dto.complainant?.name ?? null,
      complainantPhone: dto.complainant?.phone ?? null,
      complainantEmail: dto.complainant?.email ?? null,
      storeId: dto.storeId ?? null,
      orderId: dto.orderId ?? null,
      productSku: dto.productSku ?? null,
      description: dto.description,
      attachments: dto.attachments ?? [],
      receivedAt,
    });
    const saved = await this.complaints.save(complaint);
    // Fire and forget, as the docs show for event-based messages: nothing waits for the broker.
    this.client.emit(`${this.prefix}complaints.created`, {
      id: saved.id,
      reference: saved.reference,
      channel: saved.channel,
      category: saved.category,
      priority: saved.priority,
      receivedAt: saved.receivedAt.toISOString(),
    });
    return saved;
  }
}

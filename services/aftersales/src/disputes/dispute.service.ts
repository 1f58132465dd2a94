import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  decodeCursor,
  EventPublisher,
  IdempotencyKeys,
  IdempotentResult,
  Page,
  Principal,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListDisputesQuery, OpenDisputeDto } from './dto/dispute.dto';
import { DisputeAction, DisputeEntity } from './dispute.entity';
import { DisputeError } from './dispute.errors';
import { disputeEscalated } from './dispute.events';
import { DisputePosition, DisputeRepository } from './dispute.repository';
import { DisputeDetailView, DisputeView, toDisputeEntryView, toDisputeView } from './dispute.view';

const isPosition = (p: Record<string, unknown>): p is DisputePosition =>
  typeof p.openedAt === 'string' && typeof p.id === 'string';

/** Disputes (seed 004 ch. 5): the dispute group handles them; major ones are reported upward; every act is in the history. */
@Injectable()
export class DisputeService {
  constructor(
    private readonly tx: Transactions,
    private readonly disputes: DisputeRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** A retry with the same Idempotency-Key gets the first answer (200) and opens nothing. */
  async open(
    dto: OpenDisputeDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<DisputeView>> {
    const subject = await this.disputes.subject(dto.subjectType, dto.subjectId);
    if (!subject)
      throw new DisputeError('DISPUTE_SUBJECT_NOT_FOUND', `no ${dto.subjectType} ${dto.subjectId}`, {
        field: 'subjectId',
      });
    const now = this.clock.now();
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const d: DisputeEntity = {
          id: uuidv7(),
          subjectType: dto.subjectType,
          subjectId: dto.subjectId,
          customerId: subject.customerId,
          storeId: subject.storeId,
          reason: dto.reason,
          status: 'open',
          handlerId: null,
          major: false,
          escalatedAt: null,
          escalatedBy: null,
          resolution: null,
          openedAt: now,
          openedBy: actor.sub,
          resolvedAt: null,
        };
        await this.disputes.insert(em, d);
        await this.disputes.addEntry(em, {
          disputeId: d.id,
          at: now,
          actorId: actor.sub,
          action: 'opened',
          note: dto.reason,
        });
        return { status: 201, body: toDisputeView(d), resourceId: d.id };
      }),
    );
  }

  note(id: string, note: string, actor: Principal): Promise<DisputeView> {
    return this.change(id, 'note', note, actor, () => undefined);
  }

  assign(id: string, handlerId: string, actor: Principal): Promise<DisputeView> {
    return this.change(id, 'assigned', handlerId, actor, (_em, d) => {
      d.handlerId = handlerId;
    });
  }

  /** A major dispute: flagged and reported to management with an event, once. */
  escalate(id: string, actor: Principal): Promise<DisputeView> {
    return this.change(id, 'escalated', null, actor, async (em, d, now) => {
      if (d.major) throw new DisputeError('DISPUTE_ALREADY_ESCALATED', 'the dispute was reported already');
      Object.assign(d, { major: true, escalatedAt: now, escalatedBy: actor.sub });
      await this.events.publish(em, disputeEscalated(d, actor.sub, now));
    });
  }

  resolve(id: string, resolution: string, actor: Principal): Promise<DisputeView> {
    return this.change(id, 'resolved', resolution, actor, (_em, d, now) => {
      Object.assign(d, { status: 'resolved', resolution, resolvedAt: now });
    });
  }

  /** Lock, check it is open, apply, save, and write the history entry: the one way a dispute changes. */
  private async change(
    id: string,
    action: DisputeAction,
    note: string | null,
    actor: Principal,
    apply: (em: EntityManager, d: DisputeEntity, now: Date) => void | Promise<void>,
  ): Promise<DisputeView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const d = await this.disputes.lockById(em, id);
      if (!d) throw DisputeError.notFound(id);
      if (d.status !== 'open') throw new DisputeError('DISPUTE_CLOSED', 'the dispute is resolved');
      await apply(em, d, now);
      await this.disputes.save(em, d);
      await this.disputes.addEntry(em, { disputeId: d.id, at: now, actorId: actor.sub, action, note });
      return toDisputeView(d);
    });
  }

  async get(id: string): Promise<DisputeDetailView> {
    const d = await this.disputes.findById(id);
    if (!d) throw DisputeError.notFound(id);
    return { ...toDisputeView(d), history: (await this.disputes.history(id)).map(toDisputeEntryView) };
  }

  async list(query: ListDisputesQuery): Promise<Page<DisputeView>> {
    const rows = await this.disputes.list(query, decodeCursor(query.cursor, isPosition), query.limit + 1);
    const page = toPage(rows, query.limit, (last) => ({
      openedAt: last.openedAt.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map(toDisputeView), nextCursor: page.nextCursor };
  }

  eraseCustomer(em: EntityManager, customerId: string): Promise<void> {
    return this.disputes.unlinkCustomer(em, customerId);
  }
}

import { Clock, decodeCursor, Page, Principal, RequestValidationError, toPage } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintRepository, WorkQueueFilter } from '../complaint/complaint.repository';
import { ComplaintView, toView } from '../complaint/complaint.view';
import { PolicyService } from '../policy/policy.service';
import { QueueFilters, WorkQueueQuery } from './dto/work-queue.query';
import { QueueCountsView } from './queue.view';

const isPosition = (p: Record<string, unknown>): p is { receivedAt: string; id: string } =>
  typeof p.receivedAt === 'string' && typeof p.id === 'string';

/** The agents' work queues: my cases, my department's queue, overdue, escalated, waiting for the customer. */
@Injectable()
export class QueueService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly policies: PolicyService,
    private readonly clock: Clock,
  ) {}

  /** One queue, oldest received first, cursor-paginated (docs/api.md, Pagination). */
  async list(query: WorkQueueQuery, actor: Principal): Promise<Page<ComplaintView>> {
    if (query.queue === 'department' && !query.department)
      throw RequestValidationError.field('department', 'name the department whose queue to show');
    const rows = await this.complaints.workQueue({
      ...this.filter(query, actor),
      queue: query.queue,
      after: decodeCursor(query.cursor, isPosition),
      limit: query.limit + 1,
    });
    const { vipTiers } = await this.policies.policy();
    const page = toPage(rows, query.limit, (last) => ({
      receivedAt: last.receivedAt.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map((c) => toView(c, vipTiers)), nextCursor: page.nextCursor };
  }

  /** How many each queue holds with the same filters; the department's queue when one is named. */
  async counts(query: QueueFilters, actor: Principal): Promise<QueueCountsView> {
    const { department, ...others } = await this.complaints.queueCounts(this.filter(query, actor));
    return { ...others, ...(query.department ? { department } : {}) };
  }

  private filter(q: QueueFilters, actor: Principal): WorkQueueFilter {
    if (q.receivedFrom && q.receivedTo && new Date(q.receivedFrom) >= new Date(q.receivedTo))
      throw RequestValidationError.field('receivedTo', 'receivedTo must be after receivedFrom');
    return {
      actorId: actor.sub,
      department: q.department,
      storeId: q.storeId,
      category: q.category,
      priority: q.priority,
      channel: q.channel,
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      now: this.clock.now(),
    };
  }
}

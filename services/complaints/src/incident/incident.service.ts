import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  createdAtPositionOf,
  decodeCursor,
  EventPublisher,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  Principal,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintChanges } from '../complaint/complaint.changes';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { isOpen } from '../complaint/status';
import {
  CreateIncidentDto,
  DismissIncidentDto,
  ListIncidentsQuery,
  ResolveIncidentDto,
} from './dto/incident.dto';
import { IncidentEntity, IncidentSource, IncidentStatus } from './incident.entity';
import { IncidentError } from './incident.errors';
import { incidentDismissed, incidentOpened, incidentResolved } from './incident.events';
import { IncidentEventEntry, IncidentRepository } from './incident.repository';
import {
  IncidentDetailView,
  IncidentEventView,
  IncidentView,
  toIncidentDetail,
  toIncidentEventView,
  toIncidentView,
} from './incident.view';
import { PolicyService } from '../policy/policy.service';
import { detectSpikes, Spike, spikeTitle, windowStart } from './spike';

const SPIKE_LOCK = 'complaints.incident-spikes';
const DETECTOR = 'spike-detection';

/**
 * Incidents: one cause behind many complaints. Complaints are linked and unlinked, resolved together
 * with one message to every customer, and the incident keeps its own timeline. Spike detection
 * proposes one when complaints about a product or a store pile up (spike.ts).
 *
 * Locks: the incident row first, then each complaint through ComplaintChanges, always in that order.
 */
@Injectable()
export class IncidentService {
  private readonly log = new Logger('IncidentService');

  constructor(
    private readonly tx: Transactions,
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly changes: ComplaintChanges,
    private readonly lifecycle: ComplaintService,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly policies: PolicyService,
    private readonly events: EventPublisher,
  ) {}

  /** Opens an incident by hand, linking the complaints given, in one transaction with its Idempotency-Key. */
  create(
    dto: CreateIncidentDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<IncidentView>> {
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const incident = await this.open(em, {
          title: dto.title,
          description: dto.description ?? null,
          storeId: dto.storeId ?? null,
          productSku: dto.productSku ?? null,
          status: 'open',
          source: 'manual',
          actorId: actor.sub,
        });
        const linked = new Set(dto.complaintIds ?? []);
        for (const complaintId of linked) await this.linkIn(em, incident, complaintId, actor.sub);
        await this.events.publish(em, incidentOpened(incident, linked.size, actor.sub, incident.createdAt));
        return { status: 201, body: toIncidentView(incident), resourceId: incident.id };
      }),
    );
  }

  async get(id: string): Promise<IncidentDetailView> {
    const incident = await this.incidents.findById(id);
    if (!incident) throw IncidentError.notFound(id);
    return toIncidentDetail(incident, await this.complaints.inIncident(id));
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: ListIncidentsQuery): Promise<Page<IncidentView>> {
    const rows = await this.incidents.list({
      status: query.status,
      after: decodeCursor(query.cursor, isCreatedAtPosition),
      limit: query.limit + 1,
    });
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map(toIncidentView), nextCursor: page.nextCursor };
  }

  async timeline(id: string): Promise<IncidentEventView[]> {
    if (!(await this.incidents.findById(id))) throw IncidentError.notFound(id);
    return (await this.incidents.timeline(id)).map(toIncidentEventView);
  }

  async link(id: string, complaintId: string, actor: Principal): Promise<IncidentDetailView> {
    return this.change(id, ['proposed', 'open'], async (em, incident) => {
      await this.linkIn(em, incident, complaintId, actor.sub);
    });
  }

  async unlink(id: string, complaintId: string, actor: Principal): Promise<IncidentDetailView> {
    return this.change(id, ['proposed', 'open'], async (em, incident) => {
      await this.unlinkIn(em, incident, complaintId, actor.sub, 'unlinked by hand');
    });
  }

  /** A proposed incident is confirmed by a lead: it is open from now on. */
  async confirm(id: string, actor: Principal): Promise<IncidentDetailView> {
    return this.change(id, ['proposed'], async (em, incident, now) => {
      incident.status = 'open';
      await this.record(em, incident, now, actor.sub, 'confirmed');
      const linked = (await this.complaints.inIncident(id, em)).length;
      await this.events.publish(em, incidentOpened(incident, linked, actor.sub, now));
    });
  }

  /** A proposed incident the lead says is none: its complaints go back to being handled one by one. */
  async dismiss(id: string, dto: DismissIncidentDto, actor: Principal): Promise<IncidentDetailView> {
    return this.change(id, ['proposed'], async (em, incident, now) => {
      const unlinked: string[] = [];
      for (const c of await this.complaints.inIncident(id, em)) {
        await this.unlinkIn(em, incident, c.id, actor.sub, 'incident dismissed');
        unlinked.push(c.id);
      }
      incident.status = 'dismissed';
      incident.closedAt = now;
      await this.record(em, incident, now, actor.sub, 'dismissed', { reason: dto.reason });
      await this.events.publish(em, incidentDismissed(incident, dto.reason, unlinked, actor.sub, now));
    });
  }

  /**
   * Resolves every open complaint of the incident with one solution and one customer message, each
   * through the status machine (complaint.resolved and complaint.updated for each, as if resolved one
   * by one), and the incident with them, in one transaction. Complaints already resolved, closed or
   * withdrawn stay as they are and are counted as such.
   */
  async resolve(id: string, dto: ResolveIncidentDto, actor: Principal): Promise<IncidentDetailView> {
    const cause = await this.lifecycle.rootCause('resolved', dto);
    return this.change(id, ['open'], async (em, incident, now) => {
      const resolved: string[] = [];
      const untouched: string[] = [];
      for (const { id: complaintId } of await this.complaints.inIncident(id, em))
        await this.changes.applyIn(em, complaintId, actor.sub, async (c, rec) => {
          if (!isOpen(c.status)) {
            untouched.push(c.id);
            return;
          }
          await this.lifecycle.transition(em, c, rec, 'resolved', {
            actorId: actor.sub,
            summary: dto.summary,
            message: dto.customerMessage,
            cause,
            as: {
              action: 'resolved-with-incident',
              details: { incidentId: id, reference: incident.reference, summary: dto.summary },
              change: 'resolved',
            },
          });
          resolved.push(c.id);
        });
      incident.status = 'resolved';
      incident.closedAt = now;
      incident.resolutionSummary = dto.summary;
      await this.record(em, incident, now, actor.sub, 'resolved', {
        summary: dto.summary,
        customerMessage: dto.customerMessage,
        resolvedComplaints: resolved,
        alreadyDone: untouched,
        ...cause,
      });
      await this.events.publish(em, incidentResolved(incident, cause, resolved.length, actor.sub, now));
    });
  }

  /**
   * Proposes an incident for each spike of complaints about one product or one store (spike.ts), with
   * those complaints linked, for a lead to confirm or dismiss. One replica at a time (advisory lock).
   */
  async detectOnce(now: Date = this.clock.now()): Promise<IncidentView[]> {
    const { spikeWindowHours, spikeMinComplaints } = await this.policies.earlyWarning();
    const settings = { windowHours: spikeWindowHours, minComplaints: spikeMinComplaints };
    const run = await this.incidents.exclusively(SPIKE_LOCK, async (em) => {
      const recent = await this.complaints.recentUnlinked(
        em,
        windowStart(now, settings.windowHours),
        now,
        settings.minComplaints,
      );
      const spikes = detectSpikes(recent, await this.incidents.covering(em), now, settings);
      const proposed: IncidentEntity[] = [];
      for (const spike of spikes) proposed.push(await this.propose(em, spike, settings.windowHours, now));
      return proposed;
    });
    const proposed = run.result ?? [];
    if (proposed.length) this.log.log(`proposed ${proposed.map((i) => i.reference).join(', ')}`);
    return proposed.map(toIncidentView);
  }

  private async propose(
    em: EntityManager,
    spike: Spike,
    windowHours: number,
    now: Date,
  ): Promise<IncidentEntity> {
    const incident = await this.open(
      em,
      {
        title: spikeTitle(spike, windowHours),
        description: null,
        storeId: spike.kind === 'store' ? spike.key : null,
        productSku: spike.kind === 'product' ? spike.key : null,
        status: 'proposed',
        source: 'spike-detection',
        actorId: DETECTOR,
      },
      now,
    );
    for (const complaintId of spike.complaintIds) await this.linkIn(em, incident, complaintId, DETECTOR);
    return incident;
  }

  private async open(
    em: EntityManager,
    o: {
      title: string;
      description: string | null;
      storeId: string | null;
      productSku: string | null;
      status: IncidentStatus;
      source: IncidentSource;
      actorId: string;
    },
    now: Date = this.clock.now(),
  ): Promise<IncidentEntity> {
    const n = await this.incidents.nextReferenceNumber(em);
    const incident: IncidentEntity = {
      id: uuidv7(),
      reference: `I-${now.getUTCFullYear()}-${n.padStart(6, '0')}`,
      title: o.title,
      description: o.description,
      status: o.status,
      source: o.source,
      storeId: o.storeId,
      productSku: o.productSku,
      createdAt: now,
      createdBy: o.actorId,
      closedAt: null,
      resolutionSummary: null,
    };
    await this.incidents.insert(em, incident);
    await this.record(em, incident, now, o.actorId, o.status === 'proposed' ? 'proposed' : 'opened', {
      title: o.title,
    });
    return incident;
  }

  /** Locks the incident, checks its status, applies the change and saves it; answers the incident as it is then. */
  private async change(
    id: string,
    allowed: IncidentStatus[],
    work: (em: EntityManager, incident: IncidentEntity, now: Date) => Promise<void>,
  ): Promise<IncidentDetailView> {
    return this.tx.run(async (em) => {
      const incident = await this.incidents.lockById(em, id);
      if (!incident) throw IncidentError.notFound(id);
      if (!allowed.includes(incident.status))
        throw new IncidentError(
          'INCIDENT_NOT_OPEN',
          `a ${incident.status} incident cannot be changed this way`,
          {
            status: incident.status,
            allowed,
          },
        );
      await work(em, incident, this.clock.now());
      await this.incidents.save(em, incident);
      return toIncidentDetail(incident, await this.complaints.inIncident(id, em));
    });
  }

  private async linkIn(em: EntityManager, incident: IncidentEntity, complaintId: string, actorId: string) {
    await this.changes.applyIn(em, complaintId, actorId, (c, rec) => {
      if (c.incidentId === incident.id) return;
      if (c.incidentId)
        throw new IncidentError(
          'ALREADY_IN_INCIDENT',
          `complaint ${c.reference} is part of another incident`,
          {
            complaintId,
            incidentId: c.incidentId,
          },
        );
      c.incidentId = incident.id;
      rec.note('linked-to-incident', { incidentId: incident.id, reference: incident.reference });
      return this.record(em, incident, rec.now, actorId, 'complaint-linked', {
        complaintId,
        reference: c.reference,
      });
    });
  }

  private async unlinkIn(
    em: EntityManager,
    incident: IncidentEntity,
    complaintId: string,
    actorId: string,
    why: string,
  ) {
    await this.changes.applyIn(em, complaintId, actorId, (c, rec) => {
      if (c.incidentId !== incident.id)
        throw new IncidentError(
          'NOT_IN_INCIDENT',
          `complaint ${c.reference} is not part of ${incident.reference}`,
          {
            complaintId,
          },
        );
      c.incidentId = null;
      rec.note('unlinked-from-incident', { incidentId: incident.id, reference: incident.reference, why });
      return this.record(em, incident, rec.now, actorId, 'complaint-unlinked', {
        complaintId,
        reference: c.reference,
        why,
      });
    });
  }

  private record(
    em: EntityManager,
    incident: IncidentEntity,
    at: Date,
    actorId: string,
    action: string,
    details: IncidentEventEntry['details'] = {},
  ): Promise<void> {
    return this.incidents.addEvents(em, { incidentId: incident.id, at, actorId, action, details });
  }
}

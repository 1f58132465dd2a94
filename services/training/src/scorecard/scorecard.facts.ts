import { uuidv7 } from '@cx/contracts';
import { EventContext } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EmployeeRepository } from '../employee/employee.repository';
import { StoreService } from '../store/store.service';
import { FactKind, FactRow, ResolutionOf, ScorecardRepository, WriteTarget } from './scorecard.repository';
import { monthOf, monthSpan } from './scorecard.rules';

/** One thing that happened, for the scorecards of the employees named and of their store. */
export interface NewFact {
  kind: FactKind;
  employeeIds: string[];
  /** The store named by the event; when absent, the employee's store at the time. */
  storeId: string | null;
  occurredAt: Date;
  value: number | null;
  ok?: boolean | null;
  /** The event or record it comes from. */
  sourceId: string;
  /** Copied from the event for erasure: scrubbed on evt.crm.customer.erased.v1. */
  customerId?: string | null;
  /** A resolution: value and ok read from the complaint's copy by the statement itself. */
  resolution?: ResolutionOf;
}

/**
 * Writes facts in the caller's transaction, or queues them for a write-only batch (ADR 0026): in the
 * month of the store's zone, marked after-close when that month is closed already (kept, but no longer
 * changing its frozen scorecards).
 */
@Injectable()
export class ScorecardFacts {
  /**
   * Months whose row is known to be committed (rows are never deleted): their facts skip the statement
   * that creates it. Per replica; a month is added after a commit that created or found it.
   */
  private readonly knownMonths = new Set<string>();
  /** The month last seen per zone and its span: most events fall in it, and the zone arithmetic costs. */
  private readonly lastMonth = new Map<string, { month: string; from: number; to: number }>();

  constructor(
    private readonly scorecards: ScorecardRepository,
    private readonly employees: EmployeeRepository,
    private readonly stores: StoreService,
  ) {}

  /**
   * The month the fact lands in. With an event's context on the write-only path the statements are
   * queued, and an employee's store of the time (a read) makes the transport apply the batch in a
   * transaction instead (`ctx.em`).
   */
  async record(to: WriteTarget, f: NewFact): Promise<string> {
    let storeId = f.storeId;
    if (!storeId && f.employeeIds.length > 0)
      storeId = await this.employees.storeAt(
        to instanceof EventContext ? to.em : to,
        f.employeeIds[0],
        f.occurredAt,
      );
    const month = this.monthIn(await this.stores.zoneOf(storeId), f.occurredAt);
    const base = {
      storeId,
      month,
      kind: f.kind,
      value: f.value,
      ok: f.ok ?? null,
      occurredAt: f.occurredAt,
      sourceId: f.sourceId,
      customerId: f.customerId ?? null,
    };
    const rows: FactRow[] = [...new Set(f.employeeIds)].map((subjectId) => ({
      id: uuidv7(),
      scope: 'employee',
      subjectId,
      ...base,
    }));
    if (storeId) rows.push({ id: uuidv7(), scope: 'store', subjectId: storeId, ...base });
    const ensureMonth = !this.knownMonths.has(month);
    await this.scorecards.run(
      to,
      this.scorecards.factStatements(month, rows, { ensureMonth, resolution: f.resolution }),
    );
    if (ensureMonth && rows.length > 0 && to instanceof EventContext)
      to.onCommit(() => this.knownMonths.add(month));
    return month;
  }

  private monthIn(zone: string, at: Date): string {
    const t = at.getTime();
    const last = this.lastMonth.get(zone);
    if (last && t >= last.from && t < last.to) return last.month;
    const month = monthOf(at, zone);
    const span = monthSpan(month, zone);
    this.lastMonth.set(zone, { month, from: span.from.getTime(), to: span.to.getTime() });
    return month;
  }
}

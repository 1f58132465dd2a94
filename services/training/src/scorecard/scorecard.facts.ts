import { uuidv7 } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EmployeeRepository } from '../employee/employee.repository';
import { StoreService } from '../store/store.service';
import { FactKind, FactRow, ScorecardRepository } from './scorecard.repository';
import { monthOf } from './scorecard.rules';

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
}

/**
 * Writes facts in the caller's transaction: in the month of the store's zone, marked after-close when
 * that month is closed already (kept, but no longer changing its frozen scorecards).
 */
@Injectable()
export class ScorecardFacts {
  constructor(
    private readonly scorecards: ScorecardRepository,
    private readonly employees: EmployeeRepository,
    private readonly stores: StoreService,
  ) {}

  /** The month the fact lands in. */
  async record(em: EntityManager, f: NewFact): Promise<string> {
    let storeId = f.storeId;
    if (!storeId && f.employeeIds.length > 0)
      storeId = await this.employees.storeAt(em, f.employeeIds[0], f.occurredAt);
    const month = monthOf(f.occurredAt, await this.stores.zoneOf(storeId));
    const afterClose = (await this.scorecards.shareMonth(em, month)) === 'closed';
    const base = {
      storeId,
      month,
      kind: f.kind,
      value: f.value,
      ok: f.ok ?? null,
      occurredAt: f.occurredAt,
      sourceId: f.sourceId,
      customerId: f.customerId ?? null,
      afterClose,
    };
    const rows: FactRow[] = [...new Set(f.employeeIds)].map((subjectId) => ({
      id: uuidv7(),
      scope: 'employee',
      subjectId,
      ...base,
    }));
    if (storeId) rows.push({ id: uuidv7(), scope: 'store', subjectId: storeId, ...base });
    await this.scorecards.insertFacts(em, rows);
    return month;
  }
}

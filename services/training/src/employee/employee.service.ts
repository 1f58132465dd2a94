import { FieldError, uuidv7, validateAs } from '@cx/contracts';
import {
  AuditLog,
  Clock,
  decodeCursor,
  Page,
  PiiCipher,
  Principal,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { PlanService } from '../plan/plan.service';
import { StoreService } from '../store/store.service';
import { ListEmployeesQuery, UpsertEmployeeDto } from './dto/employee.dto';
import { EmployeeEntity } from './employee.entity';
import { EmployeeError } from './employee.errors';
import { EmployeePosition, EmployeeRepository } from './employee.repository';
import {
  effectiveAtProblem,
  firstAssignmentStart,
  hireDateProblem,
  PersonalField,
  staffChange,
} from './employee.rules';
import {
  AssignmentView,
  BulkItemView,
  BulkResultView,
  EmployeeView,
  toAssignmentView,
  toEmployeeView,
} from './employee.view';

const isPosition = (p: Record<string, unknown>): p is EmployeePosition => typeof p.id === 'string';

/** What one HR record did: written, or refused with its reason (the transaction goes on). */
type Outcome =
  | { kind: 'created' | 'updated' | 'unchanged'; employee: EmployeeEntity }
  | { kind: 'refused'; code: 'email-taken' | 'invalid-change'; field: string; message: string };

const UPSERT_KEYS = new Set([
  'employeeId',
  'name',
  'workEmail',
  'storeId',
  'department',
  'role',
  'hireDate',
  'changedAt',
  'leftAt',
]);

/** Staff kept in step with HR: one record or the nightly bulk, leavers, moves kept as history. */
@Injectable()
export class EmployeeService {
  constructor(
    private readonly tx: Transactions,
    private readonly employees: EmployeeRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly enrollments: EnrollmentService,
    private readonly plans: PlanService,
    private readonly stores: StoreService,
  ) {}

  /** One HR record: 201 when the employee is new, 200 otherwise; the answer is masked. */
  async upsert(dto: UpsertEmployeeDto, actor: Principal): Promise<{ status: number; body: EmployeeView }> {
    const now = this.clock.now();
    const problem = this.problemOf(dto, now, await this.stores.zones());
    if (problem) throw RequestValidationError.field(problem.field, problem.message);
    return this.tx.run(async (em) => {
      const o = await this.apply(em, dto, actor, now);
      if (o.kind === 'refused') {
        if (o.code === 'email-taken') throw EmployeeError.emailTaken();
        throw RequestValidationError.field(o.field, o.message);
      }
      return { status: o.kind === 'created' ? 201 : 200, body: toEmployeeView(o.employee, false) };
    });
  }

  /**
   * The nightly HR sync: up to 1,000 records in one transaction, each accepted (created, updated,
   * unchanged) or refused with its reason; a refused item changes nothing and the others go on.
   */
  async bulk(items: unknown[], actor: Principal): Promise<BulkResultView> {
    const now = this.clock.now();
    const results: BulkItemView[] = items.map((raw, index) => ({
      index,
      employeeId:
        typeof (raw as { employeeId?: unknown })?.employeeId === 'string'
          ? (raw as { employeeId: string }).employeeId
          : null,
      status: 'refused',
    }));
    const valid: { index: number; dto: UpsertEmployeeDto }[] = [];
    const zoneOf = await this.stores.zones();
    items.forEach((raw, index) => {
      const checked = validateAs(UpsertEmployeeDto, raw);
      const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
      if (typeof raw === 'object' && raw !== null)
        for (const key of Object.keys(raw))
          if (!UPSERT_KEYS.has(key))
            errors.push({ field: key, messages: [`property ${key} should not exist`] });
      const problem = checked.ok ? this.problemOf(checked.value, now, zoneOf) : null;
      if (problem) errors.push({ field: problem.field, messages: [problem.message] });
      if (errors.length > 0 || !checked.ok)
        results[index].reason = { code: 'invalid', message: 'the record is invalid: see errors', errors };
      else valid.push({ index, dto: checked.value });
    });
    if (valid.length > 0)
      await this.tx.run(async (em) => {
        for (const { index, dto } of valid) {
          const o = await this.apply(em, dto, actor, now);
          const r = results[index];
          if (o.kind === 'refused') r.reason = { code: o.code, message: `${o.field} ${o.message}` };
          else r.status = o.kind;
        }
      });
    const count = (s: BulkItemView['status']) => results.filter((r) => r.status === s).length;
    return {
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      refused: count('refused'),
      items: results,
    };
  }

  /** An employee leaves: out of current figures, kept in history (the assignment ends at leftAt). */
  async leave(id: string, leftAtIso: string, actor: Principal): Promise<EmployeeView> {
    const now = this.clock.now();
    const leftAt = new Date(leftAtIso);
    return this.tx.run(async (em) => {
      const e = await this.employees.lockById(em, id);
      if (!e) throw EmployeeError.notFound(id);
      if (e.status === 'left') throw EmployeeError.alreadyLeft(id);
      const open = await this.employees.openAssignment(em, id);
      const problem = effectiveAtProblem(leftAt, open?.fromAt ?? null, now);
      if (problem) throw RequestValidationError.field('leftAt', `leftAt ${problem}`);
      if (open) await this.employees.closeAssignment(em, open.id, leftAt);
      Object.assign(e, { status: 'left', leftAt, updatedAt: now, version: e.version + 1 });
      await this.employees.update(em, e);
      await this.audit.record(
        { actor, action: 'update', subjectType: 'employee', subjectId: id, fields: [], purpose: 'left' },
        em,
      );
      return toEmployeeView(e, false);
    });
  }

  /** One employee with name and work email: the purpose is stated and the read audited first. */
  async get(id: string, actor: Principal, purpose: string): Promise<EmployeeView> {
    const e = await this.employees.findById(id);
    if (!e) throw EmployeeError.notFound(id);
    const fields: PersonalField[] = e.workEmail ? ['name', 'workEmail'] : ['name'];
    await this.audit.record({
      actor,
      action: 'read',
      subjectType: 'employee',
      subjectId: id,
      fields,
      purpose,
    });
    return toEmployeeView(e, true);
  }

  async assignments(id: string): Promise<AssignmentView[]> {
    if (!(await this.employees.findById(id))) throw EmployeeError.notFound(id);
    return (await this.employees.assignmentsOf(id)).map(toAssignmentView);
  }

  /** By employee number, by cursor; masked (a list is no reason to read everyone's name). */
  async list(query: ListEmployeesQuery): Promise<Page<EmployeeView>> {
    const rows = await this.employees.list(
      { storeId: query.storeId, includeLeft: query.includeLeft ?? false },
      decodeCursor(query.cursor, isPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map((e) => toEmployeeView(e, false)), nextCursor: page.nextCursor };
  }

  /** What is wrong with a record before any employee row is read, or null (the hire date in its store's zone). */
  private problemOf(
    dto: UpsertEmployeeDto,
    now: Date,
    zoneOf: (storeId: string) => string,
  ): { field: string; message: string } | null {
    const hire = hireDateProblem(dto.hireDate, now, zoneOf(dto.storeId));
    if (hire) return { field: 'hireDate', message: hire };
    for (const field of ['changedAt', 'leftAt'] as const) {
      const at = dto[field];
      if (at && new Date(at).getTime() > now.getTime())
        return { field, message: `${field} is in the future` };
    }
    return null;
  }

  /** Applies one HR record in `em`'s transaction: the row, its assignment history and the audit entry. */
  private async apply(
    em: EntityManager,
    dto: UpsertEmployeeDto,
    actor: Principal,
    now: Date,
  ): Promise<Outcome> {
    const workEmail = dto.workEmail?.trim() || null;
    const hash = workEmail ? this.cipher.blindIndex(workEmail, 'email') : null;
    if (hash) {
      const holder = await this.employees.holderOfEmail(em, hash);
      if (holder !== null && holder !== dto.employeeId)
        return {
          kind: 'refused',
          code: 'email-taken',
          field: 'workEmail',
          message: 'is the work email of another employee',
        };
    }
    const leftAt = dto.leftAt ? new Date(dto.leftAt) : null;
    const changedAt = dto.changedAt ? new Date(dto.changedAt) : now;
    const zone = await this.stores.zoneOf(dto.storeId);
    const update = { ...dto, name: dto.name.trim(), workEmail, leftAt };
    const current = await this.employees.lockById(em, dto.employeeId);
    if (!current) {
      const fromAt = firstAssignmentStart(dto.hireDate, zone, now);
      if (leftAt && leftAt.getTime() < fromAt.getTime())
        return {
          kind: 'refused',
          code: 'invalid-change',
          field: 'leftAt',
          message: 'is before the hire date',
        };
      const e: EmployeeEntity = {
        id: dto.employeeId,
        name: update.name,
        workEmail,
        workEmailHash: hash,
        storeId: dto.storeId,
        department: dto.department,
        role: dto.role,
        hireDate: dto.hireDate,
        status: leftAt ? 'left' : 'active',
        leftAt,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await this.employees.insert(em, e);
      await this.employees.insertAssignment(em, {
        id: uuidv7(),
        employeeId: e.id,
        storeId: e.storeId,
        department: e.department,
        role: e.role,
        fromAt,
        toAt: leftAt,
      });
      await this.recordChange(em, actor, e.id, workEmail ? ['name', 'workEmail'] : ['name'], 'hr sync');
      if (e.status === 'active') {
        await this.enrollments.enrolNewHire(em, e, now, actor.sub);
        await this.plans.enrolNewHire(em, e, now, actor.sub);
      }
      return { kind: 'created', employee: e };
    }
    const refuse = (field: string, message: string): Outcome => ({
      kind: 'refused',
      code: 'invalid-change',
      field,
      message,
    });
    const change = staffChange(current, update);
    if (change.kind === 'unchanged') return { kind: 'unchanged', employee: current };
    const open = await this.employees.openAssignment(em, current.id);
    // Every check before the first write: a refused item leaves nothing behind in the batch.
    const starts = change.rejoined || (change.moved && open !== null);
    if (starts) {
      const problem = effectiveAtProblem(changedAt, change.rejoined ? current.leftAt : open!.fromAt, now);
      if (problem) return refuse('changedAt', problem);
    }
    if (change.left && leftAt) {
      const problem = effectiveAtProblem(leftAt, starts ? changedAt : (open?.fromAt ?? null), now);
      if (problem) return refuse('leftAt', problem);
    }
    let assignment = open;
    if (starts) {
      if (open && !change.rejoined) await this.employees.closeAssignment(em, open.id, changedAt);
      assignment = { id: uuidv7(), employeeId: current.id, ...pick(update), fromAt: changedAt, toAt: null };
      await this.employees.insertAssignment(em, assignment);
    }
    if (change.left && leftAt && assignment) await this.employees.closeAssignment(em, assignment.id, leftAt);
    Object.assign(current, {
      name: update.name,
      workEmail,
      workEmailHash: hash,
      ...pick(update),
      hireDate: dto.hireDate,
      status: change.left || (current.status === 'left' && !change.rejoined) ? 'left' : 'active',
      leftAt: change.rejoined ? null : change.left ? leftAt : current.leftAt,
      updatedAt: now,
      version: current.version + 1,
    });
    await this.employees.update(em, current);
    await this.recordChange(em, actor, current.id, change.personal, 'hr sync');
    return { kind: 'updated', employee: current };
  }

  private recordChange(
    em: EntityManager,
    actor: Principal,
    id: string,
    fields: PersonalField[],
    purpose: string,
  ): Promise<void> {
    return this.audit.record(
      { actor, action: 'update', subjectType: 'employee', subjectId: id, fields, purpose },
      em,
    );
  }
}

const pick = (u: { storeId: string; department: string; role: string }) => ({
  storeId: u.storeId,
  department: u.department,
  role: u.role,
});

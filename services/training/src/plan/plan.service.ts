import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  DomainError,
  localDateOf,
  Principal,
  RequestValidationError,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CourseRepository } from '../course/course.repository';
import { EmployeeRepository } from '../employee/employee.repository';
import { EnrolRequest, EnrollmentService } from '../enrollment/enrollment.service';
import { StoreService } from '../store/store.service';
import { CreatePlanDto } from './dto/plan.dto';
import { PlanRepository, PlanRow } from './plan.repository';
import { Audience, dueOnProblem, inAudience, planDueAt } from './plan.rules';
import { PlanView } from './plan.view';

class PlanError extends DomainError<'PLAN_CODE_TAKEN'> {
  constructor(code: string) {
    super('PLAN_CODE_TAKEN', 409, `a plan with code ${code} exists already`, { field: 'code' });
  }
}

/** Yearly plans: the courses a store, department or role must take by their due dates; enrolments follow. */
@Injectable()
export class PlanService {
  constructor(
    private readonly tx: Transactions,
    private readonly plans: PlanRepository,
    private readonly courses: CourseRepository,
    private readonly employees: EmployeeRepository,
    private readonly enrollments: EnrollmentService,
    private readonly clock: Clock,
    private readonly stores: StoreService,
  ) {}

  /** Creates the plan and enrols the current staff of its audience in its courses, in one transaction. */
  async create(dto: CreatePlanDto, actor: Principal): Promise<PlanView> {
    const seen = new Set<string>();
    for (const [i, c] of dto.courses.entries()) {
      const problem = dueOnProblem(c.dueOn, dto.year);
      if (problem) throw RequestValidationError.field(`courses.${i}.dueOn`, problem);
      if (seen.has(c.courseId))
        throw RequestValidationError.field(`courses.${i}.courseId`, 'the course is listed twice');
      seen.add(c.courseId);
    }
    const known = new Set((await this.courses.findByIds([...seen])).map((c) => c.id));
    const missing = dto.courses.findIndex((c) => !known.has(c.courseId));
    if (missing >= 0) throw RequestValidationError.field(`courses.${missing}.courseId`, 'no such course');
    const plan: PlanRow = {
      id: uuidv7(),
      code: dto.code,
      year: dto.year,
      title: dto.title.trim(),
      kind: dto.kind,
      storeId: dto.storeId ?? null,
      department: dto.department ?? null,
      role: dto.role ?? null,
      courses: dto.courses.map((c) => ({ courseId: c.courseId, dueOn: c.dueOn })),
    };
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      if (!(await this.plans.insert(em, plan, now, actor.sub))) throw new PlanError(dto.code);
      const staff = (await this.employees.active(em)).filter((e) => inAudience(plan, e));
      const zoneOf = await this.stores.zones();
      const made = await this.enrollments.enrol(em, this.requests(plan, staff, zoneOf, now), now, actor.sub);
      return { ...plan, enrolled: made.length };
    });
  }

  list(): Promise<PlanView[]> {
    return this.plans.list();
  }

  /** A new hire: this year's plans of their audience, for the courses not yet due (year and dates in their store's zone). */
  async enrolNewHire(
    em: EntityManager,
    employee: { id: string; storeId: string; department: string; role: string },
    now: Date,
    by: string,
  ): Promise<void> {
    const zone = await this.stores.zoneOf(employee.storeId);
    const year = localDateOf(now, zone).year;
    const requests = (await this.plans.ofYear(em, year))
      .filter((p) => inAudience(p, employee))
      .flatMap((p) => this.requests(p, [employee], () => zone, now));
    await this.enrollments.enrol(em, requests, now, by);
  }

  /** Each course of the plan for each employee, due at the end of its day in the employee's store zone. */
  private requests(
    plan: Audience & { id: string; courses: { courseId: string; dueOn: string }[] },
    staff: { id: string; storeId: string }[],
    zoneOf: (storeId: string) => string,
    now: Date,
  ): EnrolRequest[] {
    return plan.courses.flatMap((c) =>
      staff
        .map((e) => ({
          employeeId: e.id,
          storeId: e.storeId,
          courseId: c.courseId,
          reason: 'plan' as const,
          planId: plan.id,
          dueAt: planDueAt(c.dueOn, zoneOf(e.storeId)),
        }))
        .filter((r) => r.dueAt.getTime() > now.getTime()),
    );
  }
}

import { EnrollmentReason, uuidv7 } from '@cx/contracts';
import { Clock, EventPublisher, Principal, RequestValidationError, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificationRepository } from '../certification/certification.repository';
import { expiryOf, remindAt } from '../certification/certification.rules';
import { TrainingConfig } from '../config';
import { CourseEntity } from '../course/course.entity';
import { CourseError } from '../course/course.errors';
import { CourseRepository } from '../course/course.repository';
import { EmployeeError } from '../employee/employee.errors';
import { EmployeeRepository } from '../employee/employee.repository';
import { ScorecardFacts } from '../scorecard/scorecard.facts';
import { StoreService } from '../store/store.service';
import { AttemptDto, CreateEnrollmentDto } from './dto/enrollment.dto';
import { EnrollmentEntity } from './enrollment.entity';
import { EnrollmentError } from './enrollment.errors';
import { enrollmentCreated } from './enrollment.events';
import { EnrollmentRepository } from './enrollment.repository';
import { attemptOutcome, newHireDueAt } from './enrollment.rules';
import { EnrollmentView, toEnrollmentView } from './enrollment.view';
import { RecordRepository } from './record.repository';

/** One enrolment to make, if the employee has none open in the course (nor one for the same cause). */
export interface EnrolRequest {
  employeeId: string;
  /** The employee's store now, for the event. */
  storeId: string;
  courseId: string;
  reason: EnrollmentReason;
  planId?: string;
  cause?: string;
  dueAt?: Date;
}

const newEnrollment = (r: Omit<EnrolRequest, 'storeId'>, now: Date, by: string): EnrollmentEntity => ({
  id: uuidv7(),
  employeeId: r.employeeId,
  courseId: r.courseId,
  reason: r.reason,
  planId: r.planId ?? null,
  cause: r.cause ?? null,
  dueAt: r.dueAt ?? null,
  status: 'enrolled',
  attendedAt: null,
  completedAt: null,
  createdAt: now,
  createdBy: by,
});

/** Enrolments (plans, new hires, remedial, by hand) and the records that follow: attendance, attempts, completion. */
@Injectable()
export class EnrollmentService {
  constructor(
    private readonly tx: Transactions,
    private readonly enrollments: EnrollmentRepository,
    private readonly records: RecordRepository,
    private readonly courses: CourseRepository,
    private readonly employees: EmployeeRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly config: TrainingConfig,
    private readonly facts: ScorecardFacts,
    private readonly certifications: CertificationRepository,
    private readonly stores: StoreService,
  ) {}

  /**
   * Makes the enrolments that do not exist yet, with their events, in the caller's transaction;
   * returns those made (an open one in the same course, or one for the same cause, is left alone).
   */
  async enrol(
    em: EntityManager,
    requests: EnrolRequest[],
    now: Date,
    by: string,
  ): Promise<EnrollmentEntity[]> {
    const rows = requests.map((r) => newEnrollment(r, now, by));
    const made = await this.enrollments.insertNew(em, rows);
    const storeOf = new Map(requests.map((r) => [r.employeeId, r.storeId]));
    await this.events.publishAll(
      em,
      made.map((e) => enrollmentCreated(e, storeOf.get(e.employeeId)!)),
    );
    return made;
  }

  /**
   * As enrol, for those of `employeeIds` who still work here (staff HR has not sent, or who have left,
   * are not enrolled: there is nobody to train); who they are and where is read in the insert's
   * statement, for the event.
   */
  async enrolActive(
    em: EntityManager,
    employeeIds: string[],
    what: Omit<EnrolRequest, 'employeeId' | 'storeId'>,
    now: Date,
    by: string,
  ): Promise<EnrollmentEntity[]> {
    const rows = [...new Set(employeeIds)].map((employeeId) =>
      newEnrollment({ employeeId, ...what }, now, by),
    );
    const made = await this.enrollments.insertNewForActive(em, rows);
    await this.events.publishAll(
      em,
      made.map((m) => enrollmentCreated(m.enrollment, m.storeId)),
    );
    return made.map((m) => m.enrollment);
  }

  /**
   * A new hire: every active service-process course, due at the end of the day 3 months after hire in
   * the zone of the store they join.
   */
  async enrolNewHire(
    em: EntityManager,
    employee: { id: string; storeId: string; hireDate: string },
    now: Date,
    by: string,
  ): Promise<void> {
    const dueAt = newHireDueAt(employee.hireDate, await this.stores.zoneOf(employee.storeId));
    const courses = await this.courses.serviceProcess(em);
    await this.enrol(
      em,
      courses.map((c) => ({
        employeeId: employee.id,
        storeId: employee.storeId,
        courseId: c.id,
        reason: 'plan',
        dueAt,
      })),
      now,
      by,
    );
  }

  /** An enrolment by hand (a lead): 409 when one is open in the course already. */
  async create(dto: CreateEnrollmentDto, actor: Principal): Promise<EnrollmentView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const employee = await this.employees.findById(dto.employeeId);
      if (!employee)
        throw new EmployeeError('EMPLOYEE_NOT_FOUND', `employee ${dto.employeeId} does not exist`, {
          field: 'employeeId',
        });
      if (employee.status === 'left')
        throw new EnrollmentError('ENROLLMENT_EMPLOYEE_LEFT', `employee ${dto.employeeId} has left`, {
          field: 'employeeId',
        });
      if (!(await this.courses.findById(dto.courseId, em)))
        throw CourseError.notFound(dto.courseId, 'courseId');
      const [made] = await this.enrol(
        em,
        [
          {
            employeeId: employee.id,
            storeId: employee.storeId,
            courseId: dto.courseId,
            reason: 'manual',
            dueAt: dto.dueAt ? new Date(dto.dueAt) : undefined,
          },
        ],
        now,
        actor.sub,
      );
      if (!made)
        throw new EnrollmentError('ENROLLMENT_EXISTS', 'the employee is enrolled in this course already', {
          field: 'courseId',
        });
      return toEnrollmentView(made);
    });
  }

  async listForEmployee(employeeId: string): Promise<EnrollmentView[]> {
    if (!(await this.employees.findById(employeeId))) throw EmployeeError.notFound(employeeId);
    return (await this.enrollments.ofEmployee(employeeId)).map(toEnrollmentView);
  }

  /** The employee was there (a classroom course, a role play): recorded once, the first time kept. */
  async attend(id: string, attendedAtIso: string): Promise<EnrollmentView> {
    const attendedAt = this.notAhead(attendedAtIso, 'attendedAt');
    return this.tx.run(async (em) => {
      const e = await this.openEnrollment(em, id);
      e.attendedAt ??= attendedAt;
      await this.enrollments.update(em, e);
      return toEnrollmentView(e);
    });
  }

  /**
   * An assessment attempt: passing completes the enrolment (and earns the course's points); a fail with
   * no attempts left closes it as failed. Attempts count over all the employee's enrolments in the course.
   */
  async attempt(id: string, dto: AttemptDto): Promise<EnrollmentView> {
    const takenAt = this.notAhead(dto.takenAt, 'takenAt');
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const e = await this.openEnrollment(em, id);
      const course = await this.courseOf(em, e);
      if (course.passingScore === null)
        throw new EnrollmentError(
          'NO_ASSESSMENT',
          `course ${course.code} has no assessment: record its completion`,
        );
      const before = await this.records.countAttempts(em, e.employeeId, e.courseId);
      const outcome = attemptOutcome(dto.score, course.passingScore, before, course.maxAttempts);
      if (outcome.refused)
        throw new EnrollmentError(
          'ATTEMPTS_EXHAUSTED',
          `all ${course.maxAttempts} attempts at ${course.code} are used`,
        );
      const attemptId = uuidv7();
      await this.records.insertAttempt(em, {
        id: attemptId,
        employeeId: e.employeeId,
        courseId: e.courseId,
        enrollmentId: e.id,
        score: dto.score,
        passed: outcome.passed,
        takenAt,
        recordedAt: now,
      });
      // Training results on the month's scorecard: the attempt's score, in the store of the time.
      await this.facts.record(em, {
        kind: 'attempt',
        employeeIds: [e.employeeId],
        storeId: null,
        occurredAt: takenAt,
        value: dto.score,
        sourceId: attemptId,
      });
      if (outcome.passed) await this.complete(em, e, course, takenAt);
      else if (outcome.attemptsLeft === 0) e.status = 'failed';
      await this.enrollments.update(em, e);
      return toEnrollmentView(e);
    });
  }

  /** A course without assessment was completed. */
  async completion(id: string, completedAtIso: string): Promise<EnrollmentView> {
    const completedAt = this.notAhead(completedAtIso, 'completedAt');
    return this.tx.run(async (em) => {
      const e = await this.openEnrollment(em, id);
      const course = await this.courseOf(em, e);
      if (course.passingScore !== null)
        throw new EnrollmentError(
          'ASSESSMENT_REQUIRED',
          `course ${course.code} is completed by passing its assessment`,
        );
      await this.complete(em, e, course, completedAt);
      await this.enrollments.update(em, e);
      return toEnrollmentView(e);
    });
  }

  private async complete(
    em: EntityManager,
    e: EnrollmentEntity,
    course: CourseEntity,
    at: Date,
  ): Promise<void> {
    e.status = 'completed';
    e.completedAt = at;
    if (course.points > 0)
      await this.records.insertPoints(em, {
        id: uuidv7(),
        employeeId: e.employeeId,
        enrollmentId: e.id,
        points: course.points,
        rewardId: null,
        reason: `completed ${course.code}`,
        at,
      });
    if (course.certificationValidMonths !== null) {
      // Months counted in the zone of the store the employee was in when they passed.
      const zone = await this.stores.zoneOf(await this.employees.storeAt(em, e.employeeId, at));
      const expiresAt = expiryOf(at, course.certificationValidMonths, zone);
      await this.certifications.insert(em, {
        id: uuidv7(),
        employeeId: e.employeeId,
        courseId: e.courseId,
        enrollmentId: e.id,
        certifiedAt: at,
        expiresAt,
        remindAt: remindAt(at, expiresAt, this.config.CERTIFICATION_REMINDER_DAYS),
        remindedAt: null,
      });
    }
  }

  private async openEnrollment(em: EntityManager, id: string): Promise<EnrollmentEntity> {
    const e = await this.enrollments.lockById(em, id);
    if (!e) throw EnrollmentError.notFound(id);
    if (e.status !== 'enrolled')
      throw new EnrollmentError('ENROLLMENT_CLOSED', `enrollment ${id} is ${e.status}`, { status: e.status });
    return e;
  }

  private async courseOf(em: EntityManager, e: EnrollmentEntity): Promise<CourseEntity> {
    const course = await this.courses.findById(e.courseId, em);
    if (!course) throw CourseError.notFound(e.courseId);
    return course;
  }

  private notAhead(iso: string, field: string): Date {
    const at = new Date(iso);
    if (at.getTime() > this.clock.now().getTime())
      throw RequestValidationError.field(field, `${field} is in the future`);
    return at;
  }
}

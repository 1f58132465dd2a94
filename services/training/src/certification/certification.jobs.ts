import { Clock, ScheduledJobs, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TrainingConfig } from '../config';
import { EmployeeRepository } from '../employee/employee.repository';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { CertificationRepository } from './certification.repository';

const JOB = 'training.certification-reminders';
const BATCH = 200;

/**
 * Recertification reminders: when a certification's reminder falls due, the employee is enrolled in
 * the course again, due when the certification expires; the enrolment's event is the reminder to the
 * employee and their lead. Every replica runs it; due rows are claimed FOR UPDATE SKIP LOCKED and
 * marked in the same transaction, so a reminder is sent once.
 */
@Injectable()
export class CertificationJobs extends ScheduledJobs {
  constructor(
    private readonly tx: Transactions,
    private readonly certifications: CertificationRepository,
    private readonly employees: EmployeeRepository,
    private readonly enrollments: EnrollmentService,
    private readonly clock: Clock,
    config: TrainingConfig,
  ) {
    super('CertificationJobs');
    this.scheduler.every(JOB, config.CERTIFICATION_SWEEP_INTERVAL_MS, () => this.remindOnce());
  }

  /** One sweep now (tests, ops): the reminders handled. */
  async remindOnce(now: Date = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tx.run(async (em) => {
        const due = await this.certifications.claimDueReminders(em, now, BATCH);
        for (const c of due) {
          const e = await this.employees.findById(c.employeeId, em);
          // A leaver is not reminded: the reminder is marked so that it is not looked at again.
          if (e?.status === 'active')
            await this.enrollments.enrol(
              em,
              [
                {
                  employeeId: e.id,
                  storeId: e.storeId,
                  courseId: c.courseId,
                  reason: 'plan',
                  dueAt: c.expiresAt,
                },
              ],
              now,
              'recertification',
            );
          await this.certifications.markReminded(em, c.id, now);
        }
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { CourseRepository } from '../course/course.repository';
import { EmployeeError } from '../employee/employee.errors';
import { EmployeeRepository } from '../employee/employee.repository';
import { EnrollmentRepository } from '../enrollment/enrollment.repository';
import { RecordRepository } from '../enrollment/record.repository';
import { ArchiveView } from './archive.view';

/**
 * The training archive of an employee, read from the records as they are written (enrolments,
 * attempts, points): nothing to keep in step, so it is complete the moment a record commits.
 */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly records: RecordRepository,
    private readonly courses: CourseRepository,
  ) {}

  async of(employeeId: string): Promise<ArchiveView> {
    if (!(await this.employees.findById(employeeId))) throw EmployeeError.notFound(employeeId);
    const [enrollments, attempts, points] = await Promise.all([
      this.enrollments.ofEmployee(employeeId),
      this.records.attemptsOf(employeeId),
      this.records.pointsEntriesOf(employeeId),
    ]);
    const courses = new Map(
      (await this.courses.findByIds([...new Set(enrollments.map((e) => e.courseId))])).map((c) => [c.id, c]),
    );
    const earned = points.filter((p) => p.points > 0).reduce((s, p) => s + p.points, 0);
    const spent = -points.filter((p) => p.points < 0).reduce((s, p) => s + p.points, 0);
    return {
      employeeId,
      points: { earned, spent, balance: earned - spent },
      completed: enrollments.filter((e) => e.status === 'completed').length,
      failed: enrollments.filter((e) => e.status === 'failed').length,
      courses: enrollments.map((e) => {
        const c = courses.get(e.courseId)!;
        return {
          enrollmentId: e.id,
          courseId: e.courseId,
          courseCode: c.code,
          title: c.title,
          topic: c.topic,
          reason: e.reason,
          status: e.status,
          dueAt: e.dueAt?.toISOString() ?? null,
          attendedAt: e.attendedAt?.toISOString() ?? null,
          completedAt: e.completedAt?.toISOString() ?? null,
          attempts: attempts
            .filter((a) => a.enrollmentId === e.id)
            .map((a) => ({ score: a.score, passed: a.passed, takenAt: a.takenAt.toISOString() })),
        };
      }),
    };
  }
}

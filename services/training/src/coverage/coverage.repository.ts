import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoverageFacts } from './coverage.rules';

/** Reads what coverage is computed from: staff, their assignments, first completions of the required courses. */
@Injectable()
export class CoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  async facts(requiredCourseIds: string[]): Promise<CoverageFacts[]> {
    const staff = await this.dataSource.query<{ id: string; hire_date: string; left_at: Date | null }[]>(
      `SELECT id, to_char(hire_date, 'YYYY-MM-DD') AS hire_date, left_at FROM employee ORDER BY id`,
    );
    const assignments = await this.dataSource.query<
      { employee_id: string; store_id: string; department: string; from_at: Date; to_at: Date | null }[]
    >(
      `SELECT employee_id, store_id, department, from_at, to_at FROM employee_assignment ORDER BY employee_id, from_at`,
    );
    const done = await this.dataSource.query<{ employee_id: string; course_id: string; at: Date }[]>(
      `SELECT employee_id, course_id, min(completed_at) AS at FROM enrollment
        WHERE status = 'completed' AND course_id = ANY($1::uuid[]) GROUP BY employee_id, course_id`,
      [requiredCourseIds],
    );
    const byEmployee = new Map<string, CoverageFacts>(
      staff.map((s) => [
        s.id,
        { employeeId: s.id, hireDate: s.hire_date, leftAt: s.left_at, assignments: [], completions: [] },
      ]),
    );
    for (const a of assignments)
      byEmployee.get(a.employee_id)?.assignments.push({
        storeId: a.store_id,
        department: a.department,
        fromAt: a.from_at,
        toAt: a.to_at,
      });
    const completed = new Map(done.map((d) => [`${d.employee_id}|${d.course_id}`, d.at]));
    for (const f of byEmployee.values())
      f.completions = requiredCourseIds.map((c) => completed.get(`${f.employeeId}|${c}`) ?? null);
    return [...byEmployee.values()];
  }
}

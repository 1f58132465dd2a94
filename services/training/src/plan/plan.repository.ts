import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PlanKind } from './plan.rules';

export interface PlanRow {
  id: string;
  code: string;
  year: number;
  title: string;
  kind: PlanKind;
  storeId: string | null;
  department: string | null;
  role: string | null;
  courses: { courseId: string; dueOn: string }[];
}

const SELECT = `
  SELECT p.id, p.code, p.year, p.title, p.kind, p.store_id AS "storeId", p.department, p.role,
         coalesce(json_agg(json_build_object('courseId', c.course_id, 'dueOn', to_char(c.due_on, 'YYYY-MM-DD'))
                  ORDER BY c.due_on, c.course_id) FILTER (WHERE c.course_id IS NOT NULL), '[]') AS courses
    FROM training_plan p LEFT JOIN training_plan_course c ON c.plan_id = p.id`;

/** The only place that touches the plan tables. */
@Injectable()
export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the code is taken. */
  async insert(em: EntityManager, p: PlanRow, at: Date, by: string): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `INSERT INTO training_plan (id, code, year, title, kind, store_id, department, role, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [p.id, p.code, p.year, p.title, p.kind, p.storeId, p.department, p.role, at, by],
    );
    if (rows.length === 0) return false;
    for (const c of p.courses)
      await em.query(`INSERT INTO training_plan_course (plan_id, course_id, due_on) VALUES ($1, $2, $3)`, [
        p.id,
        c.courseId,
        c.dueOn,
      ]);
    return true;
  }

  list(): Promise<PlanRow[]> {
    return this.dataSource.query<PlanRow[]>(`${SELECT} GROUP BY p.id ORDER BY p.year DESC, p.code`);
  }

  /** Plans of a year, with their courses (a new hire is checked against them). */
  ofYear(em: EntityManager, year: number): Promise<PlanRow[]> {
    return em.query<PlanRow[]>(`${SELECT} WHERE p.year = $1 GROUP BY p.id ORDER BY p.code`, [year]);
  }
}

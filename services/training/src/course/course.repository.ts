import { insertUnlessTaken } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CourseEntity } from './course.entity';

/** The only place that touches the course table. */
@Injectable()
export class CourseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the code is taken (the unique index decides). */
  insert(em: EntityManager, course: CourseEntity): Promise<boolean> {
    return insertUnlessTaken(em, CourseEntity, course);
  }

  findById(id: string, em?: EntityManager): Promise<CourseEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(CourseEntity).findOneBy({ id });
  }

  /**
   * What a notice about an enrolment names, in one statement: the course's title and code (null when
   * there is no such course) and the time zone a lead set for a store (null without one).
   */
  async noticeFacts(
    em: EntityManager,
    courseId: string,
    storeId: string | undefined,
  ): Promise<{ course: { title: string; code: string } | null; zone: string | null }> {
    const [row] = await em.query<{ title: string | null; code: string | null; zone: string | null }[]>(
      `SELECT c.title, c.code, (SELECT z.time_zone FROM store_zone z WHERE z.store_id = $2) AS zone
         FROM (SELECT 1) one LEFT JOIN course c ON c.id = $1`,
      [courseId, storeId ?? null],
    );
    return {
      course: row.title === null || row.code === null ? null : { title: row.title, code: row.code },
      zone: row.zone,
    };
  }

  findByIds(ids: string[], em?: EntityManager): Promise<CourseEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (em ?? this.dataSource.manager).getRepository(CourseEntity).findBy({ id: In(ids) });
  }

  /** Active service-process courses: what every new hire must complete within 3 months. */
  serviceProcess(em?: EntityManager): Promise<CourseEntity[]> {
    return (em ?? this.dataSource.manager)
      .getRepository(CourseEntity)
      .find({ where: { serviceProcess: true, active: true }, order: { code: 'ASC' } });
  }

  list(): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).find({ order: { code: 'ASC' } });
  }
}

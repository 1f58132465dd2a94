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

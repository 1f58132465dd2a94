import { CreatedAtPosition, insertUnlessTaken, newestFirst } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { TouchpointEntity } from './touchpoint.entity';

/** The only place that touches the touchpoint table. */
@Injectable()
export class TouchpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts in the caller's transaction. False when the code is taken, also by a create that commits
   * meanwhile (the unique index decides, so two concurrent creates cannot both get it).
   */
  insert(em: EntityManager, touchpoint: TouchpointEntity): Promise<boolean> {
    return insertUnlessTaken(em, TouchpointEntity, touchpoint);
  }

  findById(id: string): Promise<TouchpointEntity | null> {
    return this.dataSource.getRepository(TouchpointEntity).findOneBy({ id });
  }

  async existingCodes(codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.dataSource.getRepository(TouchpointEntity).find({
      select: { code: true },
      where: { code: In(codes) },
    });
    return rows.map((r) => r.code);
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(after: CreatedAtPosition | undefined, limit: number): Promise<TouchpointEntity[]> {
    const qb = this.dataSource.getRepository(TouchpointEntity).createQueryBuilder('x');
    return newestFirst(qb, after, limit).getMany();
  }
}

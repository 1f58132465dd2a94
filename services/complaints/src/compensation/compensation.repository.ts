import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CompensationEntity } from './compensation.entity';

/** The only place that writes the complaint_compensation table (analytics reads it for the cost). */
@Injectable()
export class CompensationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, c: CompensationEntity): Promise<void> {
    await em.getRepository(CompensationEntity).insert(c);
  }

  ofComplaint(complaintId: string): Promise<CompensationEntity[]> {
    return this.dataSource
      .getRepository(CompensationEntity)
      .find({ where: { complaintId }, order: { givenAt: 'ASC', id: 'ASC' } });
  }
}

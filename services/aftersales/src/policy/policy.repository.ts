import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy.entity';

/** The only place that touches the policy tables. Reads take the caller's `em` when inside a transaction. */
@Injectable()
export class PolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  classTerms(em?: EntityManager): Promise<WarrantyTermEntity[]> {
    return this.manager(em).find(WarrantyTermEntity, { order: { warrantyClass: 'ASC' } });
  }

  categories(em?: EntityManager): Promise<CategoryPolicyEntity[]> {
    return this.manager(em).find(CategoryPolicyEntity, { order: { category: 'ASC' } });
  }

  category(category: string, em?: EntityManager): Promise<CategoryPolicyEntity | null> {
    return this.manager(em).findOneBy(CategoryPolicyEntity, { category });
  }

  stores(em?: EntityManager): Promise<StoreZoneEntity[]> {
    return this.manager(em).find(StoreZoneEntity, { order: { storeId: 'ASC' } });
  }

  store(storeId: string, em?: EntityManager): Promise<StoreZoneEntity | null> {
    return this.manager(em).findOneBy(StoreZoneEntity, { storeId });
  }

  async saveClassTerm(term: WarrantyTermEntity): Promise<void> {
    await this.dataSource.manager.upsert(WarrantyTermEntity, term, ['warrantyClass']);
  }

  async saveCategory(policy: CategoryPolicyEntity): Promise<void> {
    await this.dataSource.manager.upsert(CategoryPolicyEntity, policy, ['category']);
  }

  async saveStore(store: StoreZoneEntity): Promise<void> {
    await this.dataSource.manager.upsert(StoreZoneEntity, store, ['storeId']);
  }

  /** When the published policy last changed (its ETag moves with it). */
  async lastChange(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(
      `SELECT max(at) AS at FROM (
         SELECT max(updated_at) AS at FROM warranty_term
         UNION ALL SELECT max(updated_at) FROM category_policy) x`,
    );
    return row?.at ?? null;
  }
}

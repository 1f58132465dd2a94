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

  /**
   * What registering purchases reads, in one round trip: every class term, every category's own term and
   * every store's zone. Small tables a lead edits (a row per class, category, store): kept whole per
   * replica by PolicyCache.
   */
  async registrationPolicy(em?: EntityManager): Promise<{
    classes: Record<string, number>;
    categories: Record<string, number>;
    zones: Record<string, string>;
  }> {
    const [row] = await this.manager(em).query<
      {
        p: {
          classes: Record<string, number>;
          categories: Record<string, number>;
          zones: Record<string, string>;
        };
      }[]
    >(
      `SELECT json_build_object(
         'classes', (SELECT coalesce(json_object_agg(warranty_class, months), '{}') FROM warranty_term),
         'categories', (SELECT coalesce(json_object_agg(category, warranty_months), '{}') FROM category_policy
                         WHERE warranty_months IS NOT NULL),
         'zones', (SELECT coalesce(json_object_agg(store_id, time_zone), '{}') FROM store_zone)) AS p`,
    );
    return row.p;
  }
}

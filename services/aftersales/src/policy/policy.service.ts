import { WarrantyClass } from '@cx/contracts';
import { canonicalTimeZone, Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AftersalesConfig } from '../config';
import { WarrantyTerms } from '../warranty/warranty.rules';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy.entity';
import { PolicyCache } from './policy.cache';
import { PolicyRepository } from './policy.repository';

/** What a category's returns allow: 7 days from sign-off, 15 for a category a lead marked special. */
export interface CategoryRules {
  specialReturns: boolean;
}

/** What registering a purchase needs from the policy: the terms, and each store's zone. */
export interface RegistrationPolicy {
  terms: WarrantyTerms;
  zoneOf(storeId: string): string;
}

/** The warranty and returns policy a lead edits, and what registrations and returns read from it. */
@Injectable()
export class PolicyService {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly cache: PolicyCache,
    private readonly config: AftersalesConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The terms and store zones registrations read, kept per replica until a policy table changes
   * (PolicyCache, ADR 0009): a purchase event reads nothing from the database in the steady state, so
   * its handler can be write-only (ADR 0010). A change is seen by the next purchase registered after
   * it: at once on the replica that made it (`clear()` below), on the others when the notification comes.
   * Inside a transaction pass its `em`: a miss then reads on that connection, not on a second one.
   */
  forRegistration(em?: EntityManager): Promise<RegistrationPolicy> {
    return this.cache.get('registration', async () => {
      const p = await this.policies.registrationPolicy(em);
      const zones = new Map(Object.entries(p.zones));
      const fallback = this.config.DEFAULT_STORE_TIME_ZONE;
      return {
        terms: { classMonths: p.classes, categoryMonths: new Map(Object.entries(p.categories)) },
        zoneOf: (storeId: string) => zones.get(storeId) ?? fallback,
      };
    });
  }

  async zoneOf(storeId: string, em?: EntityManager): Promise<string> {
    return (await this.policies.store(storeId, em))?.timeZone ?? this.config.DEFAULT_STORE_TIME_ZONE;
  }

  async categoryRules(category: string, em?: EntityManager): Promise<CategoryRules> {
    return { specialReturns: (await this.policies.category(category, em))?.specialReturns ?? false };
  }

  async all(): Promise<{
    classes: WarrantyTermEntity[];
    categories: CategoryPolicyEntity[];
    stores: StoreZoneEntity[];
  }> {
    const [classes, categories, stores] = await Promise.all([
      this.policies.classTerms(),
      this.policies.categories(),
      this.policies.stores(),
    ]);
    return { classes, categories, stores };
  }

  async setClassTerm(
    warrantyClass: WarrantyClass,
    months: number,
    who: Principal,
  ): Promise<WarrantyTermEntity> {
    const term = { warrantyClass, months, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.policies.saveClassTerm(term);
    this.cache.clear();
    return term;
  }

  async setCategory(
    category: string,
    input: { warrantyMonths: number | null; specialReturns: boolean },
    who: Principal,
  ): Promise<CategoryPolicyEntity> {
    const policy = { category, ...input, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.policies.saveCategory(policy);
    this.cache.clear();
    return policy;
  }

  async setStoreZone(storeId: string, timeZone: string, who: Principal): Promise<StoreZoneEntity> {
    const store = {
      storeId,
      timeZone: canonicalTimeZone(timeZone) ?? timeZone,
      updatedAt: this.clock.now(),
      updatedBy: who.sub,
    };
    await this.policies.saveStore(store);
    this.cache.clear();
    return store;
  }
}

import { WarrantyClass } from '@cx/contracts';
import { canonicalTimeZone, Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AftersalesConfig } from '../config';
import { WarrantyTerms } from '../warranty/warranty.rules';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy.entity';
import { PolicyRepository } from './policy.repository';

/** What a category's returns allow: 7 days from sign-off, 15 for a category a lead marked special. */
export interface CategoryRules {
  specialReturns: boolean;
}

/** The warranty and returns policy a lead edits, and what registrations and returns read from it. */
@Injectable()
export class PolicyService {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly config: AftersalesConfig,
    private readonly clock: Clock,
  ) {}

  /** The terms of a purchase's categories and its store's zone, read together (one round trip per purchase event). */
  async forRegistration(
    em: EntityManager,
    storeId: string,
    categories: string[],
  ): Promise<{ terms: WarrantyTerms; zone: string }> {
    const p = await this.policies.registrationPolicy(em, storeId, categories);
    return {
      terms: { classMonths: p.classes, categoryMonths: new Map(Object.entries(p.categories)) },
      zone: p.zone ?? this.config.DEFAULT_STORE_TIME_ZONE,
    };
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
    return term;
  }

  async setCategory(
    category: string,
    input: { warrantyMonths: number | null; specialReturns: boolean },
    who: Principal,
  ): Promise<CategoryPolicyEntity> {
    const policy = { category, ...input, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.policies.saveCategory(policy);
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
    return store;
  }
}

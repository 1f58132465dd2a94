import { Tier, uuidv7 } from '@cx/contracts';
import { Clock, Principal, RequestValidationError, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CreateCampaignDto, UpdateLoyaltySettingsDto, UpdateTierPolicyDto } from './dto/admin.dto';
import { LoyaltyPolicyCache } from './loyalty.cache';
import { LoyaltyError } from './loyalty.errors';
import { LoyaltyRepository } from './loyalty.repository';
import {
  CampaignView,
  LoyaltySettingsView,
  TierPolicyView,
  toCampaignView,
  toSettingsView,
  toTierPolicyView,
} from './loyalty.view';

/** The lead's loyalty settings: earning, windows, expiry, tier thresholds and benefits, campaigns. */
@Injectable()
export class LoyaltySettingsService {
  constructor(
    private readonly repo: LoyaltyRepository,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly cache: LoyaltyPolicyCache,
  ) {}

  /** Every change ends here: this replica's purchases see it at once, the others' when notified (ADR 9). */
  private async change<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(work);
    } finally {
      this.cache.clear();
    }
  }

  async settings(): Promise<LoyaltySettingsView> {
    return toSettingsView(await this.repo.settings());
  }

  async updateSettings(dto: UpdateLoyaltySettingsDto, actor: Principal): Promise<LoyaltySettingsView> {
    return this.change(async (em) => {
      const current = await this.repo.settings(em);
      const next = {
        ...current,
        ...dto,
        pointsPerUnit: dto.pointsPerUnit === undefined ? current.pointsPerUnit : String(dto.pointsPerUnit),
        updatedAt: this.clock.now(),
        updatedBy: actor.sub,
      };
      return toSettingsView(await this.repo.saveSettings(em, next));
    });
  }

  async tiers(): Promise<TierPolicyView[]> {
    return (await this.repo.tierPolicies()).map(toTierPolicyView);
  }

  /** Changes a tier's thresholds or benefits; a higher tier never asks for less than a lower one. */
  async updateTier(tier: Tier, dto: UpdateTierPolicyDto, actor: Principal): Promise<TierPolicyView> {
    return this.change(async (em) => {
      const all = await this.repo.tierPolicies(em);
      const current = all.find((p) => p.tier === tier);
      if (!current) throw new LoyaltyError('TIER_NOT_FOUND', `No tier ${tier}`, { field: 'tier' });
      const next = {
        ...current,
        ...(dto.minSpendMinor !== undefined ? { minSpendMinor: String(dto.minSpendMinor) } : {}),
        ...(dto.minPurchases !== undefined ? { minPurchases: dto.minPurchases } : {}),
        ...(dto.pointsMultiplier !== undefined ? { pointsMultiplier: String(dto.pointsMultiplier) } : {}),
        ...(dto.discountPercent !== undefined ? { discountPercent: String(dto.discountPercent) } : {}),
        ...(dto.priorityService !== undefined ? { priorityService: dto.priorityService } : {}),
        ...(dto.dedicatedContact !== undefined ? { dedicatedContact: dto.dedicatedContact } : {}),
        updatedAt: this.clock.now(),
        updatedBy: actor.sub,
      };
      const ordered = all.map((p) => (p.tier === tier ? next : p)).sort((a, b) => a.rank - b.rank);
      for (let i = 1; i < ordered.length; i++) {
        const [lower, higher] = [ordered[i - 1], ordered[i]];
        if (
          Number(higher.minSpendMinor) < Number(lower.minSpendMinor) ||
          higher.minPurchases < lower.minPurchases
        )
          throw new LoyaltyError(
            'TIER_THRESHOLDS_OUT_OF_ORDER',
            `${higher.tier} would ask for less than ${lower.tier}`,
            {
              field:
                Number(higher.minSpendMinor) < Number(lower.minSpendMinor) ? 'minSpendMinor' : 'minPurchases',
            },
          );
      }
      return toTierPolicyView(await this.repo.saveTierPolicy(em, next));
    });
  }

  async campaigns(): Promise<CampaignView[]> {
    return (await this.repo.campaigns()).map(toCampaignView);
  }

  async createCampaign(dto: CreateCampaignDto, actor: Principal): Promise<CampaignView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt)
      throw RequestValidationError.field('endsAt', 'endsAt must be later than startsAt');
    const campaign = {
      id: uuidv7(),
      code: dto.code,
      name: dto.name,
      multiplier: String(dto.multiplier),
      categories: dto.categories ?? [],
      startsAt,
      endsAt,
      createdAt: this.clock.now(),
      createdBy: actor.sub,
    };
    const created = await this.change((em) => this.repo.insertCampaign(em, campaign));
    if (!created)
      throw new LoyaltyError('CAMPAIGN_CODE_TAKEN', `A campaign ${dto.code} exists`, { field: 'code' });
    return toCampaignView(campaign);
  }

  async deleteCampaign(id: string): Promise<void> {
    const deleted = await this.change((em) => this.repo.deleteCampaign(em, id));
    if (!deleted) throw new LoyaltyError('CAMPAIGN_NOT_FOUND', 'No such campaign', { field: 'id' });
  }
}

import { Module } from '@nestjs/common';
import { CampaignsAdminController, LoyaltyAdminController } from './loyalty-admin.controller';
import { LoyaltySettingsService } from './loyalty-settings.service';
import { LoyaltyPolicyCache } from './loyalty.cache';
import { LoyaltyController } from './loyalty.controller';
import { LoyaltyRepository } from './loyalty.repository';
import { LoyaltyService } from './loyalty.service';
import { LoyaltySweeper } from './loyalty.sweeper';
import { PointsLedger } from './points.ledger';
import { PointsService } from './points.service';
import { TierService } from './tier.service';

/** Points and tiers; exports LoyaltyService for the purchases module's transactions. */
@Module({
  controllers: [LoyaltyController, LoyaltyAdminController, CampaignsAdminController],
  providers: [
    LoyaltyRepository,
    LoyaltyPolicyCache,
    PointsLedger,
    TierService,
    LoyaltyService,
    PointsService,
    LoyaltySettingsService,
    LoyaltySweeper,
  ],
  exports: [LoyaltyService],
})
export class LoyaltyModule {}

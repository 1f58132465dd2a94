import { Module } from '@nestjs/common';
import { LoyaltyRepository } from './loyalty.repository';
import { LoyaltyService } from './loyalty.service';

/** Points and tiers; exports LoyaltyService for the purchases module's transactions. */
@Module({
  providers: [LoyaltyRepository, LoyaltyService],
  exports: [LoyaltyService],
})
export class LoyaltyModule {}

import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { CalendarsController } from './calendars.controller';
import { CategoriesController } from './categories.controller';
import { CauseCodesController } from './cause-codes.controller';
import { PoliciesController } from './policies.controller';
import { SlaRulesController } from './sla-rules.controller';

/** The complaints lead's policy endpoints (/api/v1/admin/policies/...); analytics has its own module. */
@Module({
  imports: [PolicyModule],
  controllers: [
    PoliciesController,
    SlaRulesController,
    CalendarsController,
    CategoriesController,
    CauseCodesController,
  ],
})
export class AdminModule {}

import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  CreateCampaignDto,
  TierParams,
  UpdateLoyaltySettingsDto,
  UpdateTierPolicyDto,
} from './dto/admin.dto';
import { LoyaltySettingsService } from './loyalty-settings.service';
import { CampaignView, LoyaltySettingsView, TierPolicyView } from './loyalty.view';

@AdminController('policies/loyalty')
export class LoyaltyAdminController {
  constructor(private readonly settings: LoyaltySettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Earning, return windows, expiry and tier review settings' })
  @ApiOkResponse({ type: LoyaltySettingsView })
  get(): Promise<LoyaltySettingsView> {
    return this.settings.settings();
  }

  @Patch()
  @ApiOperation({ summary: 'Change loyalty settings (absent fields are kept)' })
  @ApiOkResponse({ type: LoyaltySettingsView })
  @ApiProblem(400, 'A field is invalid')
  update(
    @Body() dto: UpdateLoyaltySettingsDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<LoyaltySettingsView> {
    return this.settings.updateSettings(dto, who);
  }

  @Get('tiers')
  @ApiOperation({ summary: 'Every tier with its thresholds (rolling 12 months) and benefits' })
  @ApiOkResponse({ type: [TierPolicyView] })
  tiers(): Promise<TierPolicyView[]> {
    return this.settings.tiers();
  }

  @Patch('tiers/:code')
  @ApiOperation({ summary: "Change a tier's thresholds or benefits (absent fields are kept)" })
  @ApiOkResponse({ type: TierPolicyView })
  @ApiProblem(400, 'A field is invalid')
  @ApiProblem(404, 'No such tier (TIER_NOT_FOUND)')
  @ApiProblem(422, 'A higher tier would ask for less than a lower one (TIER_THRESHOLDS_OUT_OF_ORDER)')
  updateTier(
    @Param() params: TierParams,
    @Body() dto: UpdateTierPolicyDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<TierPolicyView> {
    return this.settings.updateTier(params.code, dto, who);
  }
}

/** Bonus campaigns: a points multiplier for a period, optionally for some categories. */
@AdminController('policies/campaigns')
export class CampaignsAdminController {
  constructor(private readonly settings: LoyaltySettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Bonus campaigns, latest start first' })
  @ApiOkResponse({ type: [CampaignView] })
  campaigns(): Promise<CampaignView[]> {
    return this.settings.campaigns();
  }

  @Post()
  @ApiOperation({ summary: 'Add a bonus campaign (a points multiplier for a period and categories)' })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiProblem(400, 'A field is invalid')
  @ApiProblem(409, 'The code is taken (CAMPAIGN_CODE_TAKEN)')
  createCampaign(@Body() dto: CreateCampaignDto, @CurrentPrincipal() who: Principal): Promise<CampaignView> {
    return this.settings.createCampaign(dto, who);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a bonus campaign (points already earned stay)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblem(404, 'No such campaign (CAMPAIGN_NOT_FOUND)')
  deleteCampaign(@Param('id', new ParseUUIDPipe()) campaignId: string): Promise<void> {
    return this.settings.deleteCampaign(campaignId);
  }
}

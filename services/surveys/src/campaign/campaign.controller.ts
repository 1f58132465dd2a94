import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CreateCampaignDto } from './dto/campaign.dto';
import { CampaignService } from './campaign.service';
import { CampaignView } from './campaign.view';

/** Periodic surveys to a crm segment (the half-yearly satisfaction survey). */
@AdminController('campaigns')
export class CampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @ApiOperation({ summary: 'Plan a survey campaign to a crm segment, spread over days' })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(404, 'No such questionnaire')
  create(@Body() dto: CreateCampaignDto, @CurrentPrincipal() who: Principal): Promise<CampaignView> {
    return this.campaigns.create(dto, who);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns, latest start first, with how many were invited' })
  @ApiOkResponse({ type: [CampaignView] })
  list(): Promise<CampaignView[]> {
    return this.campaigns.list();
  }
}

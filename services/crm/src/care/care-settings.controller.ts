import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CareSettingsService } from './care-settings.service';
import { CareSettingsView } from './care.view';
import { CareSettingsDto } from './dto/care-settings.dto';

/** The crm lead's rules for segments: VIP tiers, when a customer is at risk, the RFM window. */
@AdminController('policies/care')
export class CareSettingsController {
  constructor(private readonly settings: CareSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The segment rules, with who changed them last' })
  @ApiOkResponse({ type: CareSettingsView })
  get(): Promise<CareSettingsView> {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({ summary: 'Set the segment rules; the next recompute applies them' })
  @ApiOkResponse({ type: CareSettingsView })
  @ApiProblem(400, 'A tier that does not exist, or a number out of its range')
  update(@Body() dto: CareSettingsDto, @CurrentPrincipal() who: Principal): Promise<CareSettingsView> {
    return this.settings.update(dto, who);
  }
}

import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PutSettingsDto, PutTriggerDto, TriggerParams } from './dto/settings.dto';
import { SettingsService } from './settings.service';
import { SettingsView, toSettingsView, toTriggerView, TriggerView } from './settings.view';

/** Triggered surveys: which questionnaire after which event, its delay, priority and channel. */
@AdminController('policies/triggers')
export class TriggersController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The triggered surveys, by trigger' })
  @ApiOkResponse({ type: [TriggerView] })
  async list(): Promise<TriggerView[]> {
    return (await this.settings.triggers()).map(toTriggerView);
  }

  @Put(':trigger')
  @ApiOperation({ summary: 'Set up (or change) the survey sent after an event' })
  @ApiOkResponse({ type: TriggerView })
  @ApiProblem(404, 'No such questionnaire (QUESTIONNAIRE_NOT_FOUND)')
  async put(
    @Param() params: TriggerParams,
    @Body() dto: PutTriggerDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<TriggerView> {
    return toTriggerView(await this.settings.putTrigger(params.trigger, dto, who));
  }
}

/** The fatigue window and how long invitations can be answered. */
@AdminController('policies/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Survey settings' })
  @ApiOkResponse({ type: SettingsView })
  async get(): Promise<SettingsView> {
    return toSettingsView(await this.settings.settings());
  }

  @Put()
  @ApiOperation({ summary: 'Change the survey settings (absent fields are kept)' })
  @ApiOkResponse({ type: SettingsView })
  async put(@Body() dto: PutSettingsDto, @CurrentPrincipal() who: Principal): Promise<SettingsView> {
    return toSettingsView(await this.settings.putSettings(dto, who));
  }
}

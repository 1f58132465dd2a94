import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import { EarlyWarningView, PolicyView, toPolicyView } from './admin.view';
import { EarlyWarningSettingsDto, KpiTargetsDto, PolicySettingsDto } from './dto/policy-settings.dto';

/** The service-wide settings the complaints lead owns: repeat window, auto-close, escalation, VIPs, default SLA. */
@AdminController('policies')
export class PoliciesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'The current policy settings, with who changed them last' })
  @ApiOkResponse({ type: PolicyView })
  async get(): Promise<PolicyView> {
    return toPolicyView(await this.policies.policy());
  }

  @Put()
  @ApiOperation({ summary: 'Replace the policy settings (all fields); the change is logged with its author' })
  @ApiOkResponse({ type: PolicyView })
  @ApiProblem(
    400,
    'A value is out of range, the escalation chain is out of order, or resolution hours are below first-response hours',
  )
  async update(@Body() dto: PolicySettingsDto, @CurrentPrincipal() who: Principal): Promise<PolicyView> {
    return toPolicyView(await this.policies.updatePolicy(dto, who));
  }

  @Put('kpi-targets')
  @ApiOperation({
    summary: "Replace the scorecard's targets the KPIs are held to; the change is logged with its author",
  })
  @ApiOkResponse({ type: PolicyView })
  @ApiProblem(400, 'A rate outside 0..1, or a handling time not above 0')
  async updateKpiTargets(
    @Body() dto: KpiTargetsDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<PolicyView> {
    return toPolicyView(await this.policies.updateKpiTargets({ ...dto }, who));
  }

  @Get('early-warning')
  @ApiOperation({
    summary:
      "The settings spike detection and early warning run with (the environment's until the lead sets them)",
  })
  @ApiOkResponse({ type: EarlyWarningView })
  earlyWarning(): Promise<EarlyWarningView> {
    return this.policies.earlyWarning();
  }

  @Put('early-warning')
  @ApiOperation({
    summary:
      "Replace spike detection's and early warning's settings (all fields); the sweeps use them from their next round",
  })
  @ApiOkResponse({ type: EarlyWarningView })
  @ApiProblem(400, 'A value is missing, not a whole number, or out of range')
  updateEarlyWarning(
    @Body() dto: EarlyWarningSettingsDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<EarlyWarningView> {
    return this.policies.updateEarlyWarning(dto, who);
  }
}

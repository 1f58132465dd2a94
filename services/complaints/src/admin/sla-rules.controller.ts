import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import { SlaRuleView, toSlaRuleView } from './admin.view';
import { SlaRuleDto, SlaRuleParams } from './dto/sla-rule.dto';

/** SLA targets per priority, channel and customer tier; the most specific matching rule wins. */
@AdminController('policies/sla-rules')
export class SlaRulesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'All SLA rules, most specific first' })
  @ApiOkResponse({ type: [SlaRuleView] })
  async list(): Promise<SlaRuleView[]> {
    return (await this.policies.listSlaRules()).map(toSlaRuleView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a rule' })
  @ApiCreatedResponse({ type: SlaRuleView })
  @ApiProblem(400, 'Invalid hours, or no criterion (SLA_RULE_WITHOUT_CRITERIA)')
  @ApiProblem(409, 'A rule with the same priority, channel and tier exists (SLA_RULE_DUPLICATE)')
  async create(@Body() dto: SlaRuleDto, @CurrentPrincipal() who: Principal): Promise<SlaRuleView> {
    return toSlaRuleView(await this.policies.createSlaRule(dto, who));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rule' })
  @ApiOkResponse({ type: SlaRuleView })
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  async get(@Param() params: SlaRuleParams): Promise<SlaRuleView> {
    return toSlaRuleView(await this.policies.getSlaRule(params.id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a rule (all fields)' })
  @ApiOkResponse({ type: SlaRuleView })
  @ApiProblem(400, 'Invalid hours, or no criterion (SLA_RULE_WITHOUT_CRITERIA)')
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  @ApiProblem(409, 'Another rule has the same priority, channel and tier (SLA_RULE_DUPLICATE)')
  async replace(
    @Param() params: SlaRuleParams,
    @Body() dto: SlaRuleDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<SlaRuleView> {
    return toSlaRuleView(await this.policies.replaceSlaRule(params.id, dto, who));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a rule' })
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Deleted: complaints already received keep the deadlines they were given',
  })
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  delete(@Param() params: SlaRuleParams, @CurrentPrincipal() who: Principal): Promise<void> {
    return this.policies.deleteSlaRule(params.id, who);
  }
}

import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { SlaRuleEntity } from '../policy/policy.entity';
import { PolicyService } from '../policy/policy.service';
import { SlaRuleDto, SlaRuleParams, SlaRuleView } from './dto/sla-rule.dto';

/** SLA targets per priority, channel and customer tier; the most specific matching rule wins. */
@AdminController('policies/sla-rules')
export class SlaRulesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'All SLA rules, most specific first' })
  @ApiOkResponse({ type: [SlaRuleView] })
  list(): Promise<SlaRuleEntity[]> {
    return this.policies.listSlaRules();
  }

  @Post()
  @ApiOperation({ summary: 'Add a rule' })
  @ApiCreatedResponse({ type: SlaRuleView })
  @ApiProblem(400, 'Invalid hours, or no criterion (SLA_RULE_WITHOUT_CRITERIA)')
  @ApiProblem(409, 'A rule with the same priority, channel and tier exists (SLA_RULE_DUPLICATE)')
  create(@Body() dto: SlaRuleDto, @CurrentPrincipal() who: Principal): Promise<SlaRuleEntity> {
    return this.policies.createSlaRule(dto, who);
  }

  @Get(':id')
  @ApiOkResponse({ type: SlaRuleView })
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  get(@Param() params: SlaRuleParams): Promise<SlaRuleEntity> {
    return this.policies.getSlaRule(params.id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a rule (all fields)' })
  @ApiOkResponse({ type: SlaRuleView })
  @ApiProblem(400, 'Invalid hours, or no criterion (SLA_RULE_WITHOUT_CRITERIA)')
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  @ApiProblem(409, 'Another rule has the same priority, channel and tier (SLA_RULE_DUPLICATE)')
  replace(
    @Param() params: SlaRuleParams,
    @Body() dto: SlaRuleDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<SlaRuleEntity> {
    return this.policies.replaceSlaRule(params.id, dto, who);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Deleted: complaints already received keep the deadlines they were given',
  })
  @ApiProblem(404, 'No such rule (SLA_RULE_NOT_FOUND)')
  delete(@Param() params: SlaRuleParams, @CurrentPrincipal() who: Principal): Promise<void> {
    return this.policies.deleteSlaRule(params.id, who);
  }
}

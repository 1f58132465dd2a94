import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import { CauseCodeView, toCauseCodeView } from './admin.view';
import { CategoryParams } from './dto/category.dto';
import { CreateCauseCodeDto, UpdateCauseCodeDto } from './dto/cause-code.dto';

/** The root-cause taxonomy resolving records (docs/complaints/root-causes.md). No delete: retire with active=false. */
@AdminController('policies/cause-codes')
export class CauseCodesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Every cause code, active or not, by code' })
  @ApiOkResponse({ type: [CauseCodeView] })
  async list(): Promise<CauseCodeView[]> {
    return (await this.policies.listCauseCodes()).map(toCauseCodeView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a cause code' })
  @ApiCreatedResponse({ type: CauseCodeView })
  @ApiProblem(409, 'The code is taken (CAUSE_CODE_EXISTS)')
  async create(@Body() dto: CreateCauseCodeDto, @CurrentPrincipal() who: Principal): Promise<CauseCodeView> {
    return toCauseCodeView(await this.policies.createCauseCode(dto, who));
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Rename or retire a cause code (absent fields are kept)' })
  @ApiOkResponse({ type: CauseCodeView })
  @ApiProblem(404, 'No such cause code (CAUSE_CODE_NOT_FOUND)')
  async update(
    @Param() params: CategoryParams,
    @Body() dto: UpdateCauseCodeDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CauseCodeView> {
    return toCauseCodeView(await this.policies.updateCauseCode(params.code, dto, who));
  }
}

import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RemedialPolicyDto } from './dto/remedial.dto';
import { RemedialService } from './remedial.service';
import { RemedialPolicyView } from './remedial.view';

/** Which course answers which missed standard, and the thresholds. */
@AdminController('policies/remedial')
export class RemedialController {
  constructor(private readonly remedial: RemedialService) {}

  @Get()
  @ApiOperation({ summary: 'The remedial mapping (cause -> course) and thresholds' })
  @ApiOkResponse({ type: RemedialPolicyView })
  get(): Promise<RemedialPolicyView> {
    return this.remedial.policy();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the mapping and thresholds' })
  @ApiOkResponse({ type: RemedialPolicyView })
  @ApiProblem(400, 'A field is invalid (each one is named), a cause mapped twice, or an unknown course')
  set(@Body() dto: RemedialPolicyDto, @CurrentPrincipal() actor: Principal): Promise<RemedialPolicyView> {
    return this.remedial.setPolicy(dto, actor);
  }
}
